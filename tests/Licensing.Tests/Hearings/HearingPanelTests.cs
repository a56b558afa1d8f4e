using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.Directions;
using Licensing.API.Hearings;

namespace Licensing.Tests.Hearings;

public class HearingPanelTests
{
    private static readonly AuthorityAssignment February2015 = new()
    {
        DirectionsId = Guid.NewGuid(), Function = "licensing", Authority = Authority.Commissioners, Oversight = Oversight.None,
        EffectiveFrom = new DateTimeOffset(2015, 2, 26, 0, 0, 0, TimeSpan.Zero), RecordedAt = new DateTimeOffset(2015, 2, 26, 16, 0, 0, TimeSpan.Zero),
    };
    private static readonly AuthorityAssignment December2016 = new()
    {
        DirectionsId = Guid.NewGuid(), Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice,
        EffectiveFrom = new DateTimeOffset(2016, 12, 21, 0, 0, 0, TimeSpan.Zero), RecordedAt = new DateTimeOffset(2016, 12, 21, 15, 0, 0, TimeSpan.Zero),
    };

    private static AuthorityAssignment? HolderOn(DateOnly heldOn) =>
        DirectionsInForce.HolderOf([February2015, December2016], HearingPanel.Function, HearingPanel.SittingAt(heldOn));

    [Fact]
    public void A_hearing_the_day_before_the_December_2016_Directions_is_the_Commissioners_and_one_on_the_day_is_the_Licensing_Boards()
    {
        var panel = new HearingPanel();
        Assert.Equal(Authority.Commissioners, HolderOn(new DateOnly(2016, 12, 20))!.Authority);
        var onTheDay = HolderOn(new DateOnly(2016, 12, 21))!;
        Assert.Equal((Authority.Council, Oversight.Advice), (onTheDay.Authority, onTheDay.Oversight));
        Assert.Equal("Licensing Board", panel.DecisionMakerName(onTheDay.Authority));
        Assert.Null(HolderOn(new DateOnly(2015, 2, 25)));
    }

    [Fact]
    public void A_hearing_sits_from_the_start_of_its_London_day_which_in_summer_is_23_00_UTC_the_day_before()
    {
        Assert.Equal(new DateTimeOffset(2016, 6, 14, 23, 0, 0, TimeSpan.Zero), HearingPanel.SittingAt(new DateOnly(2016, 6, 15)));
        Assert.Equal(new DateTimeOffset(2017, 2, 15, 0, 0, 0, TimeSpan.Zero), HearingPanel.SittingAt(new DateOnly(2017, 2, 15)));
    }

    [Theory]
    [InlineData(HearingOutcome.Revocation, DecisionGrounds.Safeguarding, true)]
    [InlineData(HearingOutcome.Suspension, DecisionGrounds.RoadSafety, true)]
    [InlineData(HearingOutcome.Refusal, DecisionGrounds.Safeguarding, true)]
    [InlineData(HearingOutcome.Revocation, DecisionGrounds.Other, false)]
    [InlineData(HearingOutcome.Warning, DecisionGrounds.Safeguarding, false)]
    [InlineData(HearingOutcome.NoAction, DecisionGrounds.RoadSafety, false)]
    public void Refusals_suspensions_and_revocations_on_safeguarding_or_road_safety_grounds_go_to_the_national_register(HearingOutcome outcome, DecisionGrounds grounds, bool registered)
    {
        Assert.Equal(registered, HearingPanel.GoesToNationalRegister(outcome, grounds));
    }

    [Fact]
    public void A_register_entry_is_kept_11_years_from_the_decision()
    {
        Assert.Equal(new DateOnly(2027, 6, 15), HearingPanel.KeepRegisterEntryUntil(new DateOnly(2016, 6, 15)));
    }
}
