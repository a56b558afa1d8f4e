namespace Intervention.Contracts.Governance;

/// <summary>
/// A quarterly review of the intervention has arrived: the Commissioners review each function they
/// still hold against the four tests for its return. Published once per review date.
/// </summary>
[Classified(EventClassification.Public)]
public sealed record ReviewDue : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant governance announced the review.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The review date (a date of Europe/London), e.g. <c>2017-05-11</c>.</summary>
    public required DateOnly ReviewDate { get; init; }
    /// <summary>The codes of the functions Commissioners still held when the review was announced.</summary>
    public required IReadOnlyList<string> Functions { get; init; }
}
