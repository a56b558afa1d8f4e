using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Drivers;
using Licensing.API.Hearings;
using Licensing.API.Licences;

namespace Licensing.Tests.Hearings;

/// <summary>A case hearing's decisions over its loaded state: scheduling, interests, the record and the decision. No host, no database.</summary>
public class CaseHearingTests
{
    private static readonly DateTimeOffset Now = new(2017, 4, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2017, 4, 20);
    private static readonly DateOnly HeldOn = new(2017, 4, 10);

    private static readonly Driver Driver = new()
    {
        Id = Guid.NewGuid(), Name = "Interest Case", DateOfBirth = new DateOnly(1985, 11, 30), NiNumber = "QQ123456C", RecordedAt = Now,
    };
    private static readonly Licence Licence = new()
    {
        Id = Guid.NewGuid(), Reference = "PH-000042", Type = LicenceType.PrivateHire, DriverId = Driver.Id, AppliedOn = new DateOnly(2016, 1, 4), RecordedAt = Now,
    };

    private static AuthorityAssignment Holder(Authority authority) => new()
    {
        DirectionsId = Guid.NewGuid(), Function = HearingPanel.Function, Authority = authority, Oversight = Oversight.Advice,
        EffectiveFrom = new DateTimeOffset(2016, 12, 21, 0, 0, 0, TimeSpan.Zero), RecordedAt = new DateTimeOffset(2016, 12, 21, 15, 0, 0, TimeSpan.Zero),
    };

    private static readonly AuthorityAssignment LicensingBoard = Holder(Authority.Council);

    private static CaseHearing Scheduled(params NewMember[] members)
    {
        var request = new ScheduleHearing(Driver.Id, HeldOn, " Complaint from a passenger ", [.. members]);
        return CaseHearing.Schedule(request, Licence, LicensingBoard, new HearingPanel(), Now).Changes!;
    }

    private static DecidingContext Context(AuthorityAssignment? holder = null, bool licensingTeam = true, DateOnly? today = null) =>
        new(today ?? Today, holder ?? LicensingBoard, licensingTeam, Licence, Driver, new HearingPanel(), new EffectDates());

    private static DecideHearing Decision(HearingOutcome outcome, DecisionGrounds grounds = DecisionGrounds.Other, bool immediate = false, DateOnly? notice = null) =>
        new(outcome, "Written reasons", grounds, immediate, notice ?? HeldOn);

    private static void AssertRule(string rule, Refusal? refused)
    {
        Assert.NotNull(refused);
        Assert.Equal((409, rule), (refused.Status, refused.Rule));
    }

    [Fact]
    public void A_hearing_is_decided_once()
    {
        var hearing = Scheduled();
        Assert.NotNull(hearing.Decide(Decision(HearingOutcome.Warning), Context(), Now).Changes);

        var again = hearing.Decide(Decision(HearingOutcome.Revocation), Context(), Now);

        AssertRule("hearing-already-decided", again.Refused);
        Assert.Equal(HearingOutcome.Warning, hearing.Decision!.Outcome);
    }

    [Fact]
    public void A_hearing_is_not_decided_before_the_day_it_is_held()
    {
        var refused = Scheduled().Decide(Decision(HearingOutcome.Warning), Context(today: HeldOn.AddDays(-1)), Now).Refused;

        AssertRule("hearing-not-yet-held", refused);
    }

    [Fact]
    public void Notice_dated_before_the_hearing_is_refused_naming_noticeGivenOn()
    {
        var refused = Scheduled().Decide(Decision(HearingOutcome.Warning, notice: HeldOn.AddDays(-1)), Context(), Now).Refused!;

        Assert.Equal(400, refused.Status);
        Assert.Equal(["must not be before the hearing of 2017-04-10"], refused.Fields!["noticeGivenOn"]);
    }

    [Fact]
    public void A_member_who_declared_an_interest_puts_no_question_but_the_driver_still_makes_a_statement()
    {
        var hearing = Scheduled(new NewMember("Cllr Ashworth", MemberRole.DecisionMaker), new NewMember("Legal Adviser"));
        Assert.NotNull(hearing.AddToRecord(RecordKind.Question, "Cllr Ashworth", "Where were you on the night?", Now).Changes);
        Assert.NotNull(hearing.DeclareInterest("cllr ashworth ", "Knows the complainant").Changes);

        AssertRule("member-has-interest", hearing.AddToRecord(RecordKind.Question, "Cllr Ashworth", "And after?", Now).Refused);
        var statement = hearing.AddToRecord(RecordKind.Statement, "Driver", "I was at home.", Now).Changes!;

        Assert.Equal(2, statement.Seq);
        Assert.Equal([false, true], hearing.Members.OrderBy(member => member.Name).Select(member => member.TakesPart));
    }

    [Fact]
    public void A_panel_whose_every_decision_maker_declared_an_interest_cannot_decide_and_advisers_do_not_count()
    {
        var hearing = Scheduled(new NewMember("Cllr Ashworth", MemberRole.DecisionMaker), new NewMember("Legal Adviser"));
        hearing.DeclareInterest("Cllr Ashworth", "Knows the complainant");

        AssertRule("no-member-without-interest", hearing.Decide(Decision(HearingOutcome.Warning), Context(), Now).Refused);
        Assert.Null(hearing.Decision);
    }

    [Fact]
    public void An_interest_is_declared_by_a_member_of_the_panel_only_and_before_the_decision()
    {
        var hearing = Scheduled(new NewMember("Cllr Ashworth", MemberRole.DecisionMaker));

        var stranger = hearing.DeclareInterest("Cllr Nobody", "Knows the driver").Refused!;
        Assert.Equal(["'Cllr Nobody' is not a member of this panel"], stranger.Fields!["member"]);

        hearing.Decide(Decision(HearingOutcome.NoAction), Context(), Now);
        AssertRule("hearing-already-decided", hearing.DeclareInterest("Cllr Ashworth", "Knows the driver").Refused);
        AssertRule("hearing-already-decided", hearing.AddToRecord(RecordKind.Statement, "Driver", "One more thing", Now).Refused);
    }

    [Fact]
    public void A_Commissioner_may_not_record_a_decision_the_Directions_gave_the_Licensing_Board_and_the_licensing_team_may()
    {
        var refused = Scheduled().Decide(Decision(HearingOutcome.Warning), Context(licensingTeam: false), Now).Refused!;
        Assert.Equal((403, "Not the Commissioners' decision", null), (refused.Status, refused.Title, refused.Rule));

        var commissioners = Holder(Authority.Commissioners);
        Assert.NotNull(Scheduled().Decide(Decision(HearingOutcome.Warning), Context(commissioners, licensingTeam: false), Now).Changes);
    }

    [Fact]
    public void With_no_Directions_assigning_licensing_on_the_day_a_hearing_is_neither_scheduled_nor_decided()
    {
        var request = new ScheduleHearing(Driver.Id, HeldOn, "Grounds");
        AssertRule("no-decision-maker", CaseHearing.Schedule(request, Licence, null, new HearingPanel(), Now).Refused);

        var hearing = Scheduled();
        AssertRule("no-decision-maker", hearing.Decide(Decision(HearingOutcome.Warning), Context() with { Holder = null }, Now).Refused);
    }

    [Fact]
    public void A_hearing_is_not_scheduled_before_the_licence_was_applied_for()
    {
        var request = new ScheduleHearing(Driver.Id, Licence.AppliedOn.AddDays(-1), "Grounds");

        var refused = CaseHearing.Schedule(request, Licence, LicensingBoard, new HearingPanel(), Now).Refused!;

        Assert.Equal(["must not be before the licence was applied for (2016-01-04)"], refused.Fields!["heldOn"]);
        Assert.Equal(HearingRequests.ScheduleTitle, refused.Title);
    }

    [Fact]
    public void A_scheduled_hearing_names_the_Licensing_Board_trims_what_was_typed_and_makes_members_advisory_unless_said()
    {
        var hearing = Scheduled(new NewMember(" Cllr Ashworth ", MemberRole.DecisionMaker), new NewMember("Clerk", Interest: " "));

        Assert.Equal((Authority.Council, "Licensing Board", LicensingBoard.DirectionsId), (hearing.DecisionMakerAuthority, hearing.DecisionMakerName, hearing.DirectionsId));
        Assert.Equal("Complaint from a passenger", hearing.Grounds);
        Assert.Equal([("Cllr Ashworth", MemberRole.DecisionMaker, true), ("Clerk", MemberRole.Advisory, true)],
            hearing.Members.Select(member => (member.Name, member.Role, member.TakesPart)));
    }

    [Fact]
    public void Directions_recorded_since_the_hearing_was_scheduled_name_the_decision_maker_of_the_decision()
    {
        var hearing = Scheduled();
        var commissioners = Holder(Authority.Commissioners);

        var changes = hearing.Decide(Decision(HearingOutcome.Warning), Context(commissioners), Now).Changes!;

        Assert.Equal((Authority.Commissioners, "Commissioners (licensing)", commissioners.DirectionsId),
            (hearing.DecisionMakerAuthority, hearing.DecisionMakerName, hearing.DirectionsId));
        Assert.Equal((Authority.Commissioners, "Commissioners (licensing)"), (changes.Notices.Recorded.Authority, changes.Notices.Recorded.DeciderName));
    }

    [Fact]
    public void A_safeguarding_revocation_with_immediate_effect_revokes_the_licence_that_day_goes_to_the_national_register_and_raises_a_concern()
    {
        var hearing = Scheduled();

        var changes = hearing.Decide(Decision(HearingOutcome.Revocation, DecisionGrounds.Safeguarding, immediate: true), Context(), Now).Changes!;

        Assert.Same(hearing.Decision, changes.Decision);
        Assert.Equal(("immediate-public-safety", HeldOn, "Written reasons"), (changes.Decision.EffectRule, changes.Decision.EffectiveOn, changes.Decision.ImmediateReasons));
        Assert.Equal((DecidedStatus.Revoked, HeldOn, Licence.Id), (changes.StatusChange!.Status, changes.StatusChange.EffectiveOn, changes.StatusChange.LicenceId));
        var entry = changes.RegisterEntry!;
        Assert.Equal(("Interest Case", "QQ123456C", new DateOnly(2028, 4, 10)), (entry.Name, entry.NiNumber, entry.KeepUntil));
        Assert.Equal(changes.Decision.Id, changes.Notices.Made.DecisionId);
        Assert.Equal(Licence.Reference, changes.Notices.Concern!.LicenceReference);
        // The public register's summary names neither the driver nor the licence.
        Assert.Equal("Revocation of a private hire driver's licence, effective 2017-04-10 (immediate effect)", changes.Notices.Recorded.Summary);
    }

    [Fact]
    public void A_suspension_on_other_grounds_takes_effect_21_days_after_notice_with_no_register_entry_and_no_concern()
    {
        var changes = Scheduled().Decide(Decision(HearingOutcome.Suspension), Context(), Now).Changes!;

        Assert.Equal((DecidedStatus.Suspended, new DateOnly(2017, 5, 1)), (changes.StatusChange!.Status, changes.StatusChange.EffectiveOn));
        Assert.Null(changes.RegisterEntry);
        Assert.Null(changes.Notices.Concern);
    }

    [Fact]
    public void A_warning_changes_no_licence_status()
    {
        var changes = Scheduled().Decide(Decision(HearingOutcome.Warning, DecisionGrounds.Safeguarding), Context(), Now).Changes!;

        Assert.Null(changes.StatusChange);
        Assert.Null(changes.RegisterEntry);
        Assert.Equal("no-effect", changes.Decision.EffectRule);
    }

    [Fact]
    public void The_preview_of_a_suspension_names_the_Licensing_Board_and_gives_the_effect_and_last_appeal_day_21_days_after_notice()
    {
        var preview = Scheduled().PreviewDecision(Decision(HearingOutcome.Suspension), Context(), Now).Changes!;

        Assert.Equal((Authority.Council, "Licensing Board"), (preview.DecisionMaker.Authority, preview.DecisionMaker.Name));
        Assert.Equal((new DateOnly(2017, 5, 1), "21-days-after-notice", new DateOnly(2017, 5, 1)), (preview.EffectiveOn, preview.EffectRule, preview.LastDayToAppeal));
        Assert.Equal((DecidedStatus.Suspended, false), (preview.LicenceBecomes, preview.NationalRegister));
    }

    [Theory]
    [InlineData(HearingOutcome.NoAction, DecisionGrounds.Other, false)]
    [InlineData(HearingOutcome.Warning, DecisionGrounds.Safeguarding, false)]
    [InlineData(HearingOutcome.Suspension, DecisionGrounds.RoadSafety, false)]
    [InlineData(HearingOutcome.Suspension, DecisionGrounds.Other, true)]
    [InlineData(HearingOutcome.Revocation, DecisionGrounds.Safeguarding, true)]
    [InlineData(HearingOutcome.Revocation, DecisionGrounds.Other, false)]
    [InlineData(HearingOutcome.Refusal, DecisionGrounds.Safeguarding, false)]
    public void The_preview_says_what_the_decision_then_records(HearingOutcome outcome, DecisionGrounds grounds, bool immediate)
    {
        var hearing = Scheduled();
        var commissioners = Holder(Authority.Commissioners);
        var request = Decision(outcome, grounds, immediate, notice: HeldOn.AddDays(2));

        var preview = hearing.PreviewDecision(request, Context(commissioners), Now).Changes!;
        var decided = hearing.Decide(request, Context(commissioners), Now).Changes!;

        Assert.Equal((hearing.DecisionMakerAuthority, hearing.DecisionMakerName, hearing.DirectionsId),
            (preview.DecisionMaker.Authority, preview.DecisionMaker.Name, preview.DecisionMaker.DirectionsId));
        Assert.Equal((decided.Decision.Outcome, decided.Decision.Grounds, decided.Decision.Immediate, decided.Decision.NoticeGivenOn),
            (preview.Outcome, preview.Grounds, preview.Immediate, preview.NoticeGivenOn));
        Assert.Equal((decided.Decision.EffectiveOn, decided.Decision.EffectRule), (preview.EffectiveOn, preview.EffectRule));
        Assert.Equal(decided.StatusChange?.Status, preview.LicenceBecomes);
        Assert.Equal(decided.RegisterEntry is not null, preview.NationalRegister);
        Assert.Equal(new EffectDates().LastDayToAppeal(outcome, request.NoticeGivenOn!.Value), preview.LastDayToAppeal);
    }

    [Fact]
    public void A_preview_records_nothing_the_hearing_is_still_undecided_with_its_decision_maker_of_scheduling()
    {
        var hearing = Scheduled();
        var scheduledBy = (hearing.DecisionMakerAuthority, hearing.DecisionMakerName, hearing.DirectionsId);

        var preview = hearing.PreviewDecision(Decision(HearingOutcome.Revocation), Context(Holder(Authority.Commissioners)), Now).Changes!;

        Assert.Equal("Commissioners (licensing)", preview.DecisionMaker.Name);
        Assert.Null(hearing.Decision);
        Assert.Equal(scheduledBy, (hearing.DecisionMakerAuthority, hearing.DecisionMakerName, hearing.DirectionsId));
    }

    [Fact]
    public void A_preview_is_refused_as_the_decision_would_be()
    {
        var hearing = Scheduled();
        var forbidden = hearing.PreviewDecision(Decision(HearingOutcome.Warning), Context(licensingTeam: false), Now).Refused!;
        Assert.Equal(403, forbidden.Status);

        hearing.Decide(Decision(HearingOutcome.Warning), Context(), Now);
        AssertRule("hearing-already-decided", hearing.PreviewDecision(Decision(HearingOutcome.Revocation), Context(), Now).Refused);
    }
}
