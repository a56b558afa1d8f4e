using Intervention.Contracts.Http;

namespace Intervention.Contracts.Finance;

/// <summary>
/// A budget's forecast outturn moved so far that its variance crossed a RAG boundary (for example the
/// children's placements forecast went from Amber to Red when more children came into care). Published
/// only on a crossing, not on every movement: integrators and the Commissioners hear of the changes that matter.
/// Amounts are pounds; MassTransit's JSON envelope carries decimals as strings (<c>"525000"</c>), which keeps them exact.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record ForecastOutturnChanged : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the forecast changed (UTC).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The financial year, e.g. <c>2017-18</c>.</summary>
    public required string Year { get; init; }
    /// <summary>The cost centre whose forecast moved, e.g. <c>children-placements</c>.</summary>
    public required string CostCentre { get; init; }
    /// <summary>The directorate the cost centre belongs to, e.g. <c>children-and-young-peoples-services</c>.</summary>
    public required string Directorate { get; init; }
    /// <summary>The net budget in pounds.</summary>
    public required decimal Budget { get; init; }
    /// <summary>The forecast outturn before the change, in pounds.</summary>
    public required decimal PreviousForecastOutturn { get; init; }
    /// <summary>The forecast outturn now, in pounds.</summary>
    public required decimal ForecastOutturn { get; init; }
    /// <summary>Forecast outturn minus budget, in pounds (positive is an overspend).</summary>
    public required decimal Variance { get; init; }
    /// <summary>The RAG before the change.</summary>
    public required Rag PreviousRag { get; init; }
    /// <summary>The RAG now.</summary>
    public required Rag Rag { get; init; }
    /// <summary>What moved it, e.g. <c>PlacementChanged</c> or <c>monitoring return P6</c>.</summary>
    public required string Cause { get; init; }
}
