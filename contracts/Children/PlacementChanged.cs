namespace Intervention.Contracts.Children;

/// <summary>
/// A looked-after child moved placement (a new 903 episode with reason <c>P</c>, or <c>B</c>/<c>T</c>/<c>U</c> where the
/// placement changed). The child is named only by <see cref="ChildRef"/>.
/// </summary>
[Classified(EventClassification.Internal)] // child-level
public sealed record PlacementChanged : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the children's service recorded the change.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The child's pseudonymous reference.</summary>
    public required string ChildRef { get; init; }
    /// <summary>The day the new placement started (the new episode's DECOM).</summary>
    public required DateOnly ChangedOn { get; init; }
    /// <summary>The 903 placement type the child left.</summary>
    public required string PreviousPlacementType { get; init; }
    /// <summary>The 903 placement type the child moved to.</summary>
    public required string PlacementType { get; init; }
    /// <summary>The new placement's 903 provider code, <c>PR0</c>–<c>PR5</c>.</summary>
    public required string PlacementProvider { get; init; }
    /// <summary>The 903 legal status code of the new episode.</summary>
    public required string LegalStatus { get; init; }
    /// <summary>The new placement's weekly cost band in pounds, e.g. <c>3500-3999</c>; null when no cost was recorded.</summary>
    public string? WeeklyCostBand { get; init; }
    /// <summary>Whether the child is linked to the Operation Stovewood investigation.</summary>
    public required bool Stovewood { get; init; }
}
