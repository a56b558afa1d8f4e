namespace Intervention.Contracts.Governance.Http;

/// <summary>A decision reported to the governance decision register (<c>POST /api/decisions</c>).</summary>
public sealed record RecordDecisionRequest
{
    /// <summary>The decision's id, chosen by the source service: the same id again is the same decision.</summary>
    public Guid? Id { get; init; }
    /// <summary>The service that recorded the decision, e.g. <c>licensing</c>.</summary>
    public string? SourceService { get; init; }
    /// <summary>The function decided on: a code from the functions register.</summary>
    public string? Function { get; init; }
    /// <summary>The instant the decision was taken (ISO 8601 with offset).</summary>
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>Who decided: Commissioners, Cabinet, Council (full council or a regulatory committee) or Officer.</summary>
    public Authority? Authority { get; init; }
    /// <summary>The decider's name or body, e.g. <c>Licensing Board</c>.</summary>
    public string? DeciderName { get; init; }
    /// <summary>The meeting at which it was decided, when there was one.</summary>
    public string? Meeting { get; init; }
    /// <summary>What was decided.</summary>
    public string? Summary { get; init; }
    /// <summary>Whether it is a key decision.</summary>
    public bool? KeyDecision { get; init; }
    /// <summary>Whether it is a Cabinet decision subject to call-in.</summary>
    public bool? CallIn { get; init; }
}

/// <summary>A Commissioner's sign-off of a key decision taken under veto oversight.</summary>
public sealed record SignOffDecisionRequest
{
    /// <summary>The signing Commissioner's name.</summary>
    public string? SignerName { get; init; }
    /// <summary>The instant of the sign-off (ISO 8601 with offset); now when absent.</summary>
    public DateTimeOffset? SignedAt { get; init; }
}

/// <summary>Where a decision stands in the register.</summary>
public enum DecisionStatus
{
    /// <summary>Taken by the authority that held the function, and in effect.</summary>
    Valid,
    /// <summary>Taken by an authority that did not hold the function at that instant; kept, with the reason.</summary>
    Questioned,
    /// <summary>A Cabinet decision inside its call-in period: it takes effect on <c>effectiveOn</c>.</summary>
    PendingCallIn,
    /// <summary>A key decision under Commissioner veto that no Commissioner has signed off yet.</summary>
    AwaitingSignOff,
}

/// <summary>A decision as the governance register holds it, with its standing today.</summary>
public sealed record DecisionDetail
{
    /// <summary>The decision's id.</summary>
    public required Guid Id { get; init; }
    /// <summary>The service that recorded it.</summary>
    public required string SourceService { get; init; }
    /// <summary>The function decided on.</summary>
    public required string Function { get; init; }
    /// <summary>The instant it was taken.</summary>
    public required DateTimeOffset DecidedAt { get; init; }
    /// <summary>The authority that decided.</summary>
    public required Authority Authority { get; init; }
    /// <summary>The decider's name or body.</summary>
    public required string DeciderName { get; init; }
    /// <summary>The meeting, when there was one.</summary>
    public string? Meeting { get; init; }
    /// <summary>What was decided.</summary>
    public required string Summary { get; init; }
    /// <summary>Whether it is a key decision.</summary>
    public required bool KeyDecision { get; init; }
    /// <summary>Whether it was reported as subject to call-in (only Cabinet decisions are).</summary>
    public required bool CallIn { get; init; }
    /// <summary>The instant the register recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>Where it stands today.</summary>
    public required DecisionStatus Status { get; init; }
    /// <summary>The day (Europe/London) it takes or took effect; null while questioned or awaiting sign-off.</summary>
    public DateOnly? EffectiveOn { get; init; }
    /// <summary>Why it is not simply valid: who held the function instead, the call-in period, or the sign-off awaited.</summary>
    public string? Reason { get; init; }
    /// <summary>Who held the function when it was taken, as the Directions are known now; null when no Directions assigned it.</summary>
    public Authority? HeldBy { get; init; }
    /// <summary>Commissioner oversight over that holder.</summary>
    public Oversight? Oversight { get; init; }
    /// <summary>The Directions under which the holder held it.</summary>
    public Guid? DirectionsId { get; init; }
    /// <summary>The Commissioner who signed it off, under veto oversight.</summary>
    public string? SignedOffBy { get; init; }
    /// <summary>When it was signed off.</summary>
    public DateTimeOffset? SignedOffAt { get; init; }
}
