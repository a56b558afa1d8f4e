using Intervention.Contracts.Licensing;
using Licensing.API.Hearings;

namespace Licensing.Tests.Hearings;

public class EffectDatesTests
{
    private static readonly EffectDates Effects = new();

    private static DateOnly Day(int y, int m, int d) => new(y, m, d);

    private static readonly DateOnly Notice = Day(2016, 6, 15);

    [Theory]
    [InlineData(HearingOutcome.Revocation)]
    [InlineData(HearingOutcome.Suspension)]
    public void Decision_with_notice_on_2016_06_15_takes_effect_on_2016_07_06_21_days_later(HearingOutcome outcome)
    {
        Assert.Equal(new DecisionEffect(EffectStatus.TakesEffect, Day(2016, 7, 6), "21-days-after-notice"), Effects.Decide(new(outcome, Notice)));
    }

    [Fact]
    public void Revocation_with_immediate_effect_and_reasons_takes_effect_the_day_of_notice()
    {
        var decision = new HearingDecision(HearingOutcome.Revocation, Notice, Immediate: true, ImmediateReasons: "Risk to children: picked up a child in care at night");

        Assert.Equal(new DecisionEffect(EffectStatus.TakesEffect, Notice, "immediate-public-safety"), Effects.Decide(decision));
    }

    [Fact]
    public void Immediate_effect_without_reasons_is_invalid()
    {
        var decision = new HearingDecision(HearingOutcome.Revocation, Notice, Immediate: true, ImmediateReasons: " ");

        Assert.Equal(["immediateReasons"], EffectDates.Validate(decision).Keys);
        Assert.Throws<ArgumentException>(() => Effects.Decide(decision));
    }

    [Theory]
    [InlineData(HearingOutcome.Warning)]
    [InlineData(HearingOutcome.Refusal)]
    public void Only_a_suspension_or_revocation_can_be_immediate(HearingOutcome outcome)
    {
        Assert.Equal(["immediate"], EffectDates.Validate(new(outcome, Notice, Immediate: true, ImmediateReasons: "Public safety")).Keys);
    }

    [Fact]
    public void Immediate_revocation_takes_effect_on_notice_even_when_appealed()
    {
        var decision = new HearingDecision(HearingOutcome.Revocation, Notice, Immediate: true, ImmediateReasons: "Public safety");

        Assert.Equal(Notice, Effects.Decide(decision, new Appeal(Day(2016, 6, 20))).EffectiveOn);
    }

    [Theory]
    [InlineData(HearingOutcome.NoAction)]
    [InlineData(HearingOutcome.Warning)]
    public void No_action_and_warning_have_no_effect_date_and_no_appeal(HearingOutcome outcome)
    {
        Assert.Equal(new DecisionEffect(EffectStatus.NoEffect, null, "no-effect"), Effects.Decide(new(outcome, Notice)));
        Assert.Null(Effects.LastDayToAppeal(outcome, Notice));
    }

    [Fact]
    public void Refusal_takes_effect_on_notice()
    {
        Assert.Equal(new DecisionEffect(EffectStatus.TakesEffect, Notice, "on-notice"), Effects.Decide(new(HearingOutcome.Refusal, Notice)));
    }

    [Fact]
    public void Last_day_to_appeal_a_notice_of_2016_06_15_is_2016_07_06()
    {
        Assert.Equal(Day(2016, 7, 6), Effects.LastDayToAppeal(HearingOutcome.Revocation, Notice));
    }

    [Fact]
    public void Appeal_lodged_on_2016_07_06_is_in_time()
    {
        Assert.True(Effects.IsAppealInTime(HearingOutcome.Revocation, Notice, Day(2016, 7, 6)));
    }

    [Fact]
    public void Appeal_lodged_on_2016_07_07_is_out_of_time()
    {
        Assert.False(Effects.IsAppealInTime(HearingOutcome.Revocation, Notice, Day(2016, 7, 7)));
    }

    [Fact]
    public void Refusal_can_be_appealed_within_the_same_21_days()
    {
        Assert.Equal(Day(2016, 7, 6), Effects.LastDayToAppeal(HearingOutcome.Refusal, Notice));
    }

    [Fact]
    public void Revocation_appealed_in_time_waits_for_the_court()
    {
        var effect = Effects.Decide(new(HearingOutcome.Revocation, Notice), new Appeal(Day(2016, 7, 6)));

        Assert.Equal(new DecisionEffect(EffectStatus.AwaitingAppeal, null, "appeal-pending"), effect);
    }

    [Fact]
    public void Revocation_appealed_out_of_time_takes_effect_21_days_after_notice()
    {
        var effect = Effects.Decide(new(HearingOutcome.Revocation, Notice), new Appeal(Day(2016, 7, 7), Day(2016, 9, 1), AppealOutcome.Upheld));

        Assert.Equal(new DecisionEffect(EffectStatus.TakesEffect, Day(2016, 7, 6), "21-days-after-notice"), effect);
    }

    [Fact]
    public void Revocation_takes_effect_the_day_the_court_dismisses_the_appeal()
    {
        var effect = Effects.Decide(new(HearingOutcome.Revocation, Notice), new Appeal(Day(2016, 6, 30), Day(2016, 9, 1), AppealOutcome.Dismissed));

        Assert.Equal(new DecisionEffect(EffectStatus.TakesEffect, Day(2016, 9, 1), "appeal-decided"), effect);
    }

    [Fact]
    public void Suspension_set_aside_on_appeal_never_takes_effect()
    {
        var effect = Effects.Decide(new(HearingOutcome.Suspension, Notice), new Appeal(Day(2016, 6, 30), Day(2016, 9, 1), AppealOutcome.Upheld));

        Assert.Equal(new DecisionEffect(EffectStatus.SetAsideOnAppeal, null, "appeal-upheld"), effect);
    }

    [Fact]
    public void Periods_come_from_the_options()
    {
        var effects = new EffectDates(new EffectDatesOptions { EffectDays = 28, AppealDays = 14 });

        Assert.Equal(Day(2016, 7, 13), effects.Decide(new(HearingOutcome.Suspension, Notice)).EffectiveOn);
        Assert.Equal(Day(2016, 6, 29), effects.LastDayToAppeal(HearingOutcome.Suspension, Notice));
    }
}
