namespace Intervention.Contracts.Finance;

/// <summary>
/// Forecast spending for a financial year exceeds the resources for it plus the usable reserves: the chief
/// finance officer may have to issue a report under section 114 of the Local Government Finance Act 1988.
/// Raised once per year when the position first crosses that line; governance and the lead Commissioner act on it.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record Section114RiskRaised : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the risk was found (UTC).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The financial year, e.g. <c>2017-18</c>.</summary>
    public required string Year { get; init; }
    /// <summary>Forecast spending for the year in pounds (every cost centre's forecast outturn).</summary>
    public required decimal ForecastSpending { get; init; }
    /// <summary>The year's resources in pounds (the MTFS funding for the year).</summary>
    public required decimal Resources { get; init; }
    /// <summary>Usable reserves in pounds.</summary>
    public required decimal UsableReserves { get; init; }
    /// <summary>Forecast spending minus resources and usable reserves, in pounds (positive).</summary>
    public required decimal Shortfall { get; init; }
}
