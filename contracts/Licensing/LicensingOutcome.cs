namespace Intervention.Contracts.Licensing;

/// <summary>What a licensing case hearing decided.</summary>
public enum HearingOutcome
{
    /// <summary>No action on the licence.</summary>
    NoAction,
    /// <summary>A warning, kept on the driver's file.</summary>
    Warning,
    /// <summary>The licence is suspended (1976 Act s.61).</summary>
    Suspension,
    /// <summary>The licence is revoked (1976 Act s.61).</summary>
    Revocation,
    /// <summary>A grant or renewal is refused.</summary>
    Refusal,
}

/// <summary>The category of grounds a decision rests on.</summary>
public enum DecisionGrounds
{
    /// <summary>
    /// Safeguarding children or vulnerable adults: the children's service hears of it, and refusals, suspensions and
    /// revocations go to the national register.
    /// </summary>
    Safeguarding,
    /// <summary>Road safety: refusals, suspensions and revocations go to the national register.</summary>
    RoadSafety,
    /// <summary>Any other ground.</summary>
    Other,
}

/// <summary>The kinds of licence the council issues.</summary>
public enum LicenceType
{
    /// <summary>Hackney carriage (taxi) driver: 3-year term.</summary>
    HackneyCarriage,
    /// <summary>Private hire driver: 3-year term.</summary>
    PrivateHire,
    /// <summary>Vehicle: 1-year term.</summary>
    Vehicle,
    /// <summary>Private hire operator: 5-year term.</summary>
    Operator,
}
