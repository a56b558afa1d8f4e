using Intervention.Contracts.Licensing;
using Licensing.API.Appeals;
using Licensing.API.Hearings;
using Licensing.API.Licences;
using Licensing.API.Register;

namespace Licensing.Tests.Appeals;

/// <summary>Lodging and determining an appeal over the loaded decision: no host, no database.</summary>
public class LicensingAppealTests
{
    private static readonly DateTimeOffset Now = new(2017, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Notice = new(2017, 3, 1);
    private static readonly EffectDates Effects = new();

    /// <summary>A suspension on safeguarding grounds noticed on 1 March 2017: effective 22 March unless appealed, on the national register.</summary>
    private static DecisionRows Suspension(HearingOutcome outcome = HearingOutcome.Suspension, bool immediate = false)
    {
        var decided = new HearingDecision(outcome, Notice, immediate, immediate ? "Public safety" : null);
        var effect = Effects.Decide(decided);
        var decision = new HearingDecisionRecord
        {
            Id = Guid.NewGuid(), HearingId = Guid.NewGuid(), Outcome = outcome, Grounds = DecisionGrounds.Safeguarding, Reasons = "Reasons",
            Immediate = immediate, ImmediateReasons = decided.ImmediateReasons, NoticeGivenOn = Notice, EffectiveOn = effect.EffectiveOn, EffectRule = effect.Rule,
        };
        var change = new LicenceStatusChange { Id = Guid.NewGuid(), DecisionId = decision.Id, Status = DecidedStatus.Suspended, EffectiveOn = effect.EffectiveOn, Reason = "r" };
        var entry = new RegisterEntry { Id = Guid.NewGuid(), DecisionId = decision.Id, Name = "Appellant", EffectiveOn = effect.EffectiveOn, DecisionOn = Notice };
        return new DecisionRows(decision, [change], entry);
    }

    private static LicensingAppeal Lodged(DecisionRows decided, DateOnly lodgedOn) =>
        LicensingAppeal.Lodge(Guid.NewGuid(), decided, alreadyLodged: false, lodgedOn, Effects, Now).Changes!.Appeal;

    [Fact]
    public void An_appeal_lodged_on_the_21st_day_after_notice_holds_the_decision_and_its_status_change_until_the_court_decides()
    {
        var decided = Suspension();

        var changes = LicensingAppeal.Lodge(Guid.NewGuid(), decided, alreadyLodged: false, new DateOnly(2017, 3, 22), Effects, Now).Changes!;

        Assert.Equal((EffectStatus.AwaitingAppeal, "appeal-pending"), (changes.Effect.Status, decided.Decision.EffectRule));
        Assert.Null(decided.Decision.EffectiveOn);
        Assert.Null(decided.StatusChanges[0].EffectiveOn);
        Assert.Null(decided.RegisterEntry!.EffectiveOn);
        Assert.Null(changes.RemovedFromRegister);
        Assert.Null(changes.Determined);
    }

    [Fact]
    public void An_appeal_lodged_on_the_22nd_day_is_out_of_time_and_the_refusal_says_the_last_day()
    {
        var refused = LicensingAppeal.Lodge(Guid.NewGuid(), Suspension(), alreadyLodged: false, new DateOnly(2017, 3, 23), Effects, Now).Refused!;

        Assert.Equal((409, "appeal-out-of-time"), (refused.Status, refused.Rule));
        Assert.Equal(new DateOnly(2017, 3, 22), refused.Extensions!["lastDayToAppeal"]);
    }

    [Fact]
    public void A_decision_is_appealed_once_and_only_when_there_is_one_that_can_be_appealed()
    {
        var lodgedOn = new DateOnly(2017, 3, 10);
        Assert.Equal("appeal-already-lodged", LicensingAppeal.Lodge(Guid.NewGuid(), Suspension(), alreadyLodged: true, lodgedOn, Effects, Now).Refused!.Rule);
        Assert.Equal("not-decided", LicensingAppeal.Lodge(Guid.NewGuid(), null, alreadyLodged: false, lodgedOn, Effects, Now).Refused!.Rule);
        var warning = Suspension(HearingOutcome.Warning);
        Assert.Equal("not-appealable", LicensingAppeal.Lodge(Guid.NewGuid(), warning, alreadyLodged: false, lodgedOn, Effects, Now).Refused!.Rule);
    }

    [Fact]
    public void An_appeal_against_immediate_effect_leaves_the_decision_in_force()
    {
        var decided = Suspension(immediate: true);

        LicensingAppeal.Lodge(Guid.NewGuid(), decided, alreadyLodged: false, new DateOnly(2017, 3, 5), Effects, Now);

        Assert.Equal((Notice, "immediate-public-safety"), (decided.Decision.EffectiveOn, decided.Decision.EffectRule));
    }

    [Fact]
    public void A_dismissed_appeal_makes_the_decision_take_effect_the_day_the_court_decided_and_publishes_AppealDetermined()
    {
        var decided = Suspension();
        var appeal = Lodged(decided, new DateOnly(2017, 3, 22));

        var changes = appeal.Determine(new DetermineAppeal(AppealOutcome.Dismissed, new DateOnly(2017, 5, 10)), decided, "PH-000042", Effects, Now).Changes!;

        var court = new DateOnly(2017, 5, 10);
        Assert.Equal((court, court, court), (decided.Decision.EffectiveOn, decided.StatusChanges[0].EffectiveOn, decided.RegisterEntry!.EffectiveOn));
        Assert.Equal("Suspension (appeal-decided)", decided.StatusChanges[0].Reason);
        Assert.Equal((appeal.Id, "PH-000042", AppealOutcome.Dismissed, court),
            (changes.Determined!.AppealId, changes.Determined.LicenceReference, changes.Determined.Outcome, changes.Determined.EffectiveOn));
    }

    [Fact]
    public void An_upheld_appeal_sets_the_decision_aside_and_takes_it_off_the_national_register()
    {
        var decided = Suspension();
        var appeal = Lodged(decided, new DateOnly(2017, 3, 10));

        var changes = appeal.Determine(new DetermineAppeal(AppealOutcome.Upheld, new DateOnly(2017, 5, 1)), decided, "PH-000042", Effects, Now).Changes!;

        Assert.Equal((EffectStatus.SetAsideOnAppeal, null), (changes.Effect.Status, decided.Decision.EffectiveOn));
        Assert.Same(decided.RegisterEntry, changes.RemovedFromRegister);
        Assert.Null(changes.Determined!.EffectiveOn);
    }

    [Fact]
    public void An_appeal_is_determined_once_and_not_before_it_was_lodged()
    {
        var decided = Suspension();
        var appeal = Lodged(decided, new DateOnly(2017, 3, 10));

        var early = appeal.Determine(new DetermineAppeal(AppealOutcome.Dismissed, new DateOnly(2017, 3, 9)), decided, "PH-000042", Effects, Now).Refused!;
        Assert.Equal(["must not be before the appeal was lodged (2017-03-10)"], early.Fields!["decidedOn"]);

        appeal.Determine(new DetermineAppeal(AppealOutcome.Dismissed, new DateOnly(2017, 5, 10)), decided, "PH-000042", Effects, Now);
        var again = appeal.Determine(new DetermineAppeal(AppealOutcome.Upheld, new DateOnly(2017, 5, 11)), decided, "PH-000042", Effects, Now).Refused!;

        Assert.Equal("appeal-already-determined", again.Rule);
        Assert.Equal(AppealOutcome.Dismissed, appeal.Outcome);
    }

    [Theory]
    [InlineData(AppealOutcome.Varied, null, "are required when the court varied the decision")]
    [InlineData(AppealOutcome.Dismissed, "Shorter suspension", "apply only when the court varied the decision")]
    public void Varied_terms_come_with_a_varied_decision_and_only_with_one(AppealOutcome outcome, string? terms, string rule)
    {
        var problems = AppealRequests.DetermineProblems(new DetermineAppeal(outcome, new DateOnly(2017, 5, 10), terms), new DateOnly(2017, 6, 1));

        Assert.Equal([rule], problems["variedTerms"]);
    }
}
