using Finance.API.Resilience;
using Intervention.Contracts.Finance.Http;

namespace Finance.Tests.Resilience;

/// <summary>The section 114 risk is raised once per year, when forecast spending passes resources and usable reserves.</summary>
public class Section114RaiseTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2018-01-15T10:00:00Z");
    private static readonly FinancialYear Year2017 = new(2017);

    private static Section114Assessment Assessed(decimal spending, decimal resources, decimal reserves, DateTimeOffset? raisedAt = null)
    {
        var headroom = Section114Test.Headroom(spending, resources, reserves);
        return new("2017-18", spending, resources, reserves, headroom, headroom < 0, raisedAt, [], null);
    }

    [Fact]
    public void Spending_past_resources_and_reserves_raises_the_risk_with_its_shortfall()
    {
        var raised = Section114Test.Raise(Year2017, Assessed(230m, 200m, 20m), Now)!;

        Assert.Equal((2017, 230m, 200m, 20m, Now), (raised.Risk.Year, raised.Risk.ForecastSpending, raised.Risk.Resources, raised.Risk.UsableReserves, raised.Risk.RaisedAt));
        Assert.Equal(("2017-18", 10m, raised.Risk.EventId), (raised.Event.Year, raised.Event.Shortfall, raised.Event.EventId));
    }

    [Fact]
    public void Spending_within_resources_and_reserves_raises_nothing() =>
        Assert.Null(Section114Test.Raise(Year2017, Assessed(220m, 200m, 20m), Now));

    [Fact]
    public void A_year_raised_before_is_not_raised_again() =>
        Assert.Null(Section114Test.Raise(Year2017, Assessed(230m, 200m, 20m, raisedAt: Now.AddDays(-30)), Now));
}
