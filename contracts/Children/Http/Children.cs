using Intervention.Contracts.Governance;

namespace Intervention.Contracts.Children.Http;

/// <summary>A child to record: the council's identifier and the 903 header values (<c>POST /api/children</c>).</summary>
public sealed record RecordChildRequest
{
    /// <summary>The council's identifier (903 CHILD, up to 10 characters).</summary>
    public string? LocalId { get; init; }
    /// <summary>903 SEX: 1 or 2 (M, F or U from 2024/25).</summary>
    public string? Sex { get; init; }
    /// <summary>903 DOB: the child's date of birth.</summary>
    public DateOnly? DateOfBirth { get; init; }
    /// <summary>903 ETHNIC, e.g. WBRI.</summary>
    public string? Ethnicity { get; init; }
    /// <summary>Unique Pupil Number, or UN1–UN5 when unknown.</summary>
    public string? Upn { get; init; }
    /// <summary>Linked to the Operation Stovewood investigation.</summary>
    public bool Stovewood { get; init; }
}

/// <summary>A recorded child: the service's id and the pseudonymous reference other services see.</summary>
/// <param name="Id">The child's id in the children's service.</param>
/// <param name="Ref">The pseudonymous reference events carry.</param>
public sealed record ChildRecorded(Guid Id, string Ref);

/// <summary>Who approved a placement that is a decision under the children's social care function.</summary>
public sealed record PlacementApproval
{
    /// <summary>The decider's name or body.</summary>
    public string? Name { get; init; }
    /// <summary>The authority the decider acted for.</summary>
    public Authority? Authority { get; init; }
    /// <summary>The instant of the decision (ISO 8601 with offset).</summary>
    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>A new 903 episode: a child starts to be looked after (S), or changes placement or legal status.</summary>
public sealed record RecordEpisodeRequest
{
    /// <summary>903 DECOM: the day the episode starts.</summary>
    public DateOnly? StartedOn { get; init; }
    /// <summary>903 RNE: S, L, P, T, B or U.</summary>
    public string? ReasonForNewEpisode { get; init; }
    /// <summary>903 LS: the legal status, e.g. C2.</summary>
    public string? LegalStatus { get; init; }
    /// <summary>903 CIN: the category of need, N1 to N8.</summary>
    public string? CategoryOfNeed { get; init; }
    /// <summary>903 PLACE: the placement type, e.g. U4.</summary>
    public string? PlacementType { get; init; }
    /// <summary>903 PLACE_PROVIDER, e.g. PR1.</summary>
    public string? PlacementProvider { get; init; }
    /// <summary>903 REASON_PLACE_CHANGE, recorded on the episode a placement change ends.</summary>
    public string? ReasonForPlacementChange { get; init; }
    /// <summary>903 HOME_POST: the home postcode sector.</summary>
    public string? HomePostcode { get; init; }
    /// <summary>903 PL_POST: the placement's postcode sector.</summary>
    public string? PlacementPostcode { get; init; }
    /// <summary>The provider's Ofsted URN.</summary>
    public string? Urn { get; init; }
    /// <summary>The placement's weekly cost in pounds.</summary>
    public decimal? WeeklyCost { get; init; }
    /// <summary>For an out-of-authority residential placement: who decided (default: the holder of the function then).</summary>
    public PlacementApproval? ApprovedBy { get; init; }
}

/// <summary>Whether a child is linked to the Operation Stovewood investigation.</summary>
/// <param name="Linked">True when linked.</param>
public sealed record StovewoodRequest(bool? Linked);

/// <summary>The end of a period of care.</summary>
public sealed record EndCareRequest
{
    /// <summary>903 DEC: the day the period of care ends.</summary>
    public DateOnly? EndedOn { get; init; }
    /// <summary>903 REC other than X1 (a new episode ends the previous one with X1 by itself).</summary>
    public string? ReasonEpisodeCeased { get; init; }
}

/// <summary>An episode as recorded.</summary>
/// <param name="Id">The episode's id.</param>
/// <param name="ChildRef">The child's pseudonymous reference.</param>
/// <param name="StartedOn">The day the episode starts.</param>
/// <param name="ReasonForNewEpisode">903 RNE.</param>
/// <param name="LegalStatus">903 LS.</param>
/// <param name="PlacementType">903 PLACE.</param>
/// <param name="PlacementProvider">903 PLACE_PROVIDER.</param>
/// <param name="WeeklyCostBand">The weekly cost's band, as events carry it (never the amount).</param>
/// <param name="PlacementChanged">Whether the episode changed the child's placement.</param>
/// <param name="DecisionId">The decision reported to governance, when the placement was one.</param>
public sealed record EpisodeRecorded(long Id, string ChildRef, DateOnly StartedOn, string ReasonForNewEpisode, string LegalStatus, string PlacementType,
    string PlacementProvider, string? WeeklyCostBand, bool PlacementChanged, Guid? DecisionId);

/// <summary>How a front-door contact was worked.</summary>
/// <param name="WorkedBy">Who worked it.</param>
/// <param name="Note">What was done.</param>
public sealed record WorkContactRequest(string? WorkedBy, string? Note);

/// <summary>A contact at the children's front door, waiting to be worked (<c>Open</c>) or worked (<c>Closed</c>) with a note.</summary>
/// <param name="Id">The contact's id (the event's id that brought it).</param>
/// <param name="Source">Where it came from, e.g. <c>licensing</c>.</param>
/// <param name="LicenceReference">The licence concerned: no personal data beyond it.</param>
/// <param name="LicenceType">The kind of licence.</param>
/// <param name="DecisionId">The licensing decision that raised the concern.</param>
/// <param name="Outcome">What the decision was, e.g. <c>Revocation</c>.</param>
/// <param name="DecidedOn">The day of the decision.</param>
/// <param name="EffectiveOn">The day it takes effect, when known.</param>
/// <param name="Immediate">Whether it took effect immediately.</param>
/// <param name="ReceivedAt">When the front door received it.</param>
/// <param name="Status"><c>Open</c> or <c>Closed</c>.</param>
/// <param name="WorkedBy">Who worked it.</param>
/// <param name="WorkedAt">When it was worked.</param>
/// <param name="Note">What was done.</param>
public sealed record FrontDoorContactView(Guid Id, string Source, string LicenceReference, string LicenceType, Guid DecisionId, string Outcome,
    DateOnly DecidedOn,
    DateOnly? EffectiveOn, bool Immediate, DateTimeOffset ReceivedAt, string Status, string? WorkedBy, DateTimeOffset? WorkedAt, string? Note);

/// <summary>A child's record (<c>GET /api/children/{id}</c>, child-level: the children's service only).</summary>
/// <param name="Id">The child's id in the children's service.</param>
/// <param name="LocalId">The council's identifier (903 CHILD).</param>
/// <param name="Ref">The pseudonymous reference events carry.</param>
/// <param name="Stovewood">Linked to the Operation Stovewood investigation.</param>
/// <param name="Sex">903 SEX, from the latest header row.</param>
/// <param name="DateOfBirth">903 DOB, when it is a date.</param>
/// <param name="Ethnicity">903 ETHNIC.</param>
/// <param name="Upn">The Unique Pupil Number.</param>
/// <param name="Episodes">The child's episodes in order, one per start date.</param>
public sealed record ChildDetail(Guid Id, string LocalId, string Ref, bool Stovewood, string? Sex, DateOnly? DateOfBirth, string? Ethnicity, string? Upn,
    IReadOnlyList<EpisodeDetail> Episodes);

/// <summary>One 903 episode of a child's record, as stored.</summary>
/// <param name="Id">The episode row's id.</param>
/// <param name="StartedOn">903 DECOM.</param>
/// <param name="ReasonForNewEpisode">903 RNE.</param>
/// <param name="LegalStatus">903 LS.</param>
/// <param name="CategoryOfNeed">903 CIN.</param>
/// <param name="PlacementType">903 PLACE.</param>
/// <param name="PlacementProvider">903 PLACE_PROVIDER.</param>
/// <param name="EndedOn">903 DEC, when the episode has ended.</param>
/// <param name="ReasonEpisodeCeased">903 REC.</param>
/// <param name="WeeklyCost">The placement's weekly cost in pounds, when recorded.</param>
/// <param name="CollectionYear">The return that carried the row; null for a live record.</param>
public sealed record EpisodeDetail(long Id, DateOnly? StartedOn, string ReasonForNewEpisode, string LegalStatus, string CategoryOfNeed, string PlacementType,
    string PlacementProvider, DateOnly? EndedOn, string ReasonEpisodeCeased, decimal? WeeklyCost, string? CollectionYear);
