namespace Intervention.Contracts.Children;

/// <summary>
/// A child stopped being looked after: the last episode ended with a reason other than <c>X1</c>. The child is named
/// only by <see cref="ChildRef"/>.
/// </summary>
[Classified(EventClassification.Internal)] // child-level
public sealed record ChildCeasedToBeLookedAfter : IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    public required Guid EventId { get; init; }
    /// <summary>When the event happened (UTC): the instant the children's service recorded the end.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The child's pseudonymous reference.</summary>
    public required string ChildRef { get; init; }
    /// <summary>The day the period of care ended (903 DEC).</summary>
    public required DateOnly CeasedOn { get; init; }
    /// <summary>The 903 reason episode ceased code, e.g. <c>E11</c> (adopted).</summary>
    public required string ReasonEpisodeCeased { get; init; }
    /// <summary>The 903 placement type of the last placement.</summary>
    public required string LastPlacementType { get; init; }
    /// <summary>Whether the child was linked to the Operation Stovewood investigation.</summary>
    public required bool Stovewood { get; init; }
}
