namespace Intervention.Contracts.Http;

/// <summary>A red/amber/green assessment.</summary>
/// <remarks>
/// Shared vocabulary, so it lives in <c>Intervention.Contracts.Http</c> rather than one portfolio's <c>Http</c> namespace:
/// governance's return tests and health check, finance's budget variances (and its <c>ForecastOutturnChanged</c> event).
/// </remarks>
public enum Rag
{
    /// <summary>Not met; significant concerns.</summary>
    Red,
    /// <summary>Partly met; improving but not yet there.</summary>
    Amber,
    /// <summary>Met.</summary>
    Green,
}
