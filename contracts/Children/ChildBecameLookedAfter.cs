namespace Intervention.Contracts.Children;

/// <summary>
/// A child started to be looked after: the first episode of a period of care (903 reason for new episode <c>S</c>).
/// The child is named only by <see cref="ChildRef"/>, a pseudonymous reference that only the children's service can
/// link to a child; no other child-level detail leaves that service.
/// </summary>
[Classified(EventClassification.Internal)] // a pseudonymous child reference is still personal data; finance needs the Stovewood flag
public sealed record ChildBecameLookedAfter : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the children's service recorded the episode.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The child's pseudonymous reference (an HMAC under a key only the children's service holds).</summary>
    public required string ChildRef { get; init; }
    /// <summary>The day the period of care started (903 DECOM).</summary>
    public required DateOnly StartedOn { get; init; }
    /// <summary>The 903 legal status code, e.g. <c>C2</c> (<c>V3</c>/<c>V4</c> are short breaks).</summary>
    public required string LegalStatus { get; init; }
    /// <summary>The 903 placement type code, e.g. <c>U1</c> (foster placement with a relative) or <c>K2</c> (children's home).</summary>
    public required string PlacementType { get; init; }
    /// <summary>The 903 placement provider code, <c>PR0</c>–<c>PR5</c>.</summary>
    public required string PlacementProvider { get; init; }
    /// <summary>The placement's weekly cost band in pounds, e.g. <c>3500-3999</c>; null when no cost was recorded.</summary>
    public string? WeeklyCostBand { get; init; }
    /// <summary>Whether the child is linked to the Operation Stovewood investigation (its costs are claimed from government).</summary>
    public required bool Stovewood { get; init; }
}
