using System.ComponentModel.DataAnnotations;
using Intervention.Contracts.Governance;

namespace Intervention.Contracts.Licensing.Http;

/// <summary>A hearing panel member's part.</summary>
public enum MemberRole
{
    /// <summary>The decision-maker's own member (a Commissioner, or a member of the Licensing Board).</summary>
    DecisionMaker,
    /// <summary>Advises the decision-maker (a licensing officer, a legal adviser); takes no part in the decision.</summary>
    Advisory,
}

/// <summary>The kinds of entry in a hearing's record.</summary>
public enum RecordKind
{
    /// <summary>A question put by a member of the panel.</summary>
    Question,
    /// <summary>A statement by the driver (or the driver's representative).</summary>
    Statement,
}

/// <summary>A hearing to schedule: the driver, the day, the grounds, and the panel's members (advisory unless said otherwise).</summary>
/// <param name="DriverId">The driver whose licence is heard.</param>
/// <param name="HeldOn">The day of the hearing.</param>
/// <param name="Grounds">Why the case is heard.</param>
/// <param name="Members">The panel's members: at most 20 (a sub-committee of three, its advisers and its clerk).</param>
public sealed record ScheduleHearing(Guid? DriverId, DateOnly? HeldOn, string? Grounds, [property: MaxLength(20)] List<NewMember>? Members = null);

/// <summary>A member of a hearing's panel.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Role">The member's part; advisory when absent.</param>
/// <param name="Interest">An interest declared up front: the member then takes no part.</param>
public sealed record NewMember(string? Name, MemberRole? Role = null, string? Interest = null);

/// <summary>A member declares an interest: from then on the member takes no part.</summary>
/// <param name="Member">The member's name.</param>
/// <param name="Interest">The interest declared.</param>
public sealed record DeclareInterest(string? Member, string? Interest);

/// <summary>A question put by a member, or a statement by the driver.</summary>
/// <param name="Kind">Question or statement.</param>
/// <param name="Speaker">Who spoke.</param>
/// <param name="Text">What was said.</param>
public sealed record NewRecordEntry(RecordKind? Kind, string? Speaker, string? Text);

/// <summary>
/// The decision with its written reasons. Immediate effect needs reasons of public safety: <c>immediateReasons</c>, or
/// else the written reasons stand for them.
/// </summary>
/// <param name="Outcome">What was decided.</param>
/// <param name="Reasons">The written reasons.</param>
/// <param name="Grounds">The category of grounds the decision rests on.</param>
/// <param name="Immediate">Whether a suspension or revocation takes effect immediately.</param>
/// <param name="NoticeGivenOn">The day notice of the decision was given to the driver.</param>
/// <param name="ImmediateReasons">The public-safety reasons for immediate effect.</param>
public sealed record DecideHearing(HearingOutcome? Outcome, string? Reasons, DecisionGrounds? Grounds, bool? Immediate, DateOnly? NoticeGivenOn,
    string? ImmediateReasons = null);

/// <summary>Who decides at a hearing, from the Directions in force on its day.</summary>
/// <param name="Authority">The authority that holds the licensing function.</param>
/// <param name="Oversight">Commissioner oversight over it.</param>
/// <param name="Name">The decision-maker's name, e.g. <c>Licensing Board</c>.</param>
/// <param name="DirectionsId">The Directions that say so.</param>
public sealed record DecisionMakerView(Authority Authority, Oversight Oversight, string Name, Guid DirectionsId);

/// <summary>A member of a hearing's panel.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Role">The member's part.</param>
/// <param name="Interest">The interest declared, if any.</param>
/// <param name="TakesPart">False once an interest is declared.</param>
public sealed record MemberView(string Name, MemberRole Role, string? Interest, bool TakesPart);

/// <summary>One entry of a hearing's record, in order.</summary>
/// <param name="Seq">Its place in the record, from 1.</param>
/// <param name="Kind">Question or statement.</param>
/// <param name="Speaker">Who spoke.</param>
/// <param name="Text">What was said.</param>
public sealed record RecordEntryView(int Seq, RecordKind Kind, string Speaker, string Text);

/// <summary>A hearing's decision and when it takes effect.</summary>
/// <param name="DecisionId">The decision's id (as governance's decision register knows it).</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="Grounds">The category of grounds.</param>
/// <param name="Reasons">The written reasons.</param>
/// <param name="Immediate">Whether it took effect immediately.</param>
/// <param name="ImmediateReasons">The public-safety reasons for immediate effect.</param>
/// <param name="NoticeGivenOn">The day notice was given.</param>
/// <param name="EffectiveOn">The day it takes effect; null while an appeal is pending.</param>
/// <param name="EffectRule">The rule that set the effective day, in words.</param>
/// <param name="LastDayToAppeal">The last day to appeal to the magistrates' court, when appealable.</param>
/// <param name="NationalRegister">Whether it goes to the national register of refusals and revocations.</param>
public sealed record DecisionView(Guid DecisionId, HearingOutcome Outcome, DecisionGrounds Grounds, string Reasons, bool Immediate, string? ImmediateReasons,
    DateOnly NoticeGivenOn, DateOnly? EffectiveOn, string EffectRule, DateOnly? LastDayToAppeal, bool NationalRegister);

/// <summary>A hearing with its panel, record and decision.</summary>
/// <param name="Id">The hearing's id.</param>
/// <param name="DriverId">The driver heard.</param>
/// <param name="LicenceReference">The licence heard.</param>
/// <param name="HeldOn">The day of the hearing.</param>
/// <param name="Grounds">Why the case is heard.</param>
/// <param name="DecisionMaker">Who decides, from the Directions in force.</param>
/// <param name="Members">The panel.</param>
/// <param name="Record">The record of the hearing, in order.</param>
/// <param name="Decision">The decision, once made.</param>
public sealed record HearingView(Guid Id, Guid DriverId, string LicenceReference, DateOnly HeldOn, string Grounds, DecisionMakerView DecisionMaker,
    IReadOnlyList<MemberView> Members, IReadOnlyList<RecordEntryView> Record, DecisionView? Decision);

/// <summary>
/// What a hearing's decision would say if it were recorded now, answered before it is (<c>POST /api/hearings/{id}/decision/preview</c>):
/// the same decision the decide endpoint takes, so the two never disagree. Nothing is recorded.
/// </summary>
/// <param name="HearingId">The hearing.</param>
/// <param name="HeldOn">The day of the hearing.</param>
/// <param name="DecisionMaker">Who decides: whoever held the licensing function on the hearing's day under the Directions known now.</param>
/// <param name="Outcome">What would be decided.</param>
/// <param name="Grounds">The category of grounds.</param>
/// <param name="Immediate">Whether it would take effect immediately in the interests of public safety.</param>
/// <param name="NoticeGivenOn">The day notice is given.</param>
/// <param name="EffectiveOn">The day it would take effect; null when nothing takes effect.</param>
/// <param name="EffectRule">
/// The rule that sets that day: <c>no-effect</c>, <c>on-notice</c>, <c>immediate-public-safety</c>, <c>21-days-after-notice</c>.
/// </param>
/// <param name="LastDayToAppeal">The last day to appeal to the magistrates' court; null when the outcome cannot be appealed.</param>
/// <param name="LicenceBecomes">The licence's status from the effective day; null for no action or a warning.</param>
/// <param name="NationalRegister">Whether it would go to the national register of refusals and revocations.</param>
public sealed record HearingDecisionPreview(Guid HearingId, DateOnly HeldOn, DecisionMakerView DecisionMaker, HearingOutcome Outcome, DecisionGrounds Grounds,
    bool Immediate, DateOnly NoticeGivenOn, DateOnly? EffectiveOn, string EffectRule, DateOnly? LastDayToAppeal, DecidedStatus? LicenceBecomes,
    bool NationalRegister);
