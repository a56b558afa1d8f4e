using Governance.API.Progress;
using Intervention.Contracts.Http;

namespace Governance.Tests.Progress;

public class PercentagesTests
{
    [Theory]
    [InlineData(23, 58, 39.7)] // corporate plan measures on target, end of Q2 2016/17
    [InlineData(25, 57, 43.9)] // and at the end of Q3
    [InlineData(48, 99, 48.5)] // Phase Two milestones delivered by December 2016
    [InlineData(1, 8, 12.5)]   // a half rounds away from zero
    [InlineData(0, 4, 0.0)]
    [InlineData(4, 4, 100.0)]
    public void A_percentage_is_computed_from_its_numerator_and_denominator(int numerator, int denominator, double percent)
    {
        var share = Percentages.Of(numerator, denominator);
        Assert.Equal(new Share(numerator, denominator, (decimal)percent), share);
    }

    [Fact]
    public void With_a_zero_denominator_there_is_no_percentage_but_the_counts_are_kept()
    {
        Assert.Equal(new Share(0, 0, null), Percentages.Of(0, 0));
    }

    [Theory]
    [InlineData(5, 4)]
    [InlineData(-1, 4)]
    [InlineData(0, -1)]
    public void A_numerator_outside_its_denominator_is_not_a_share(int numerator, int denominator)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentages.Of(numerator, denominator));
    }
}

public class ImprovementPlanCountsTests
{
    private static readonly DateTimeOffset Recorded = DateTimeOffset.Parse("2017-01-16T10:00:00Z");

    private static MilestoneFacts Milestone(DateOnly due, params (MilestoneStatus, DateOnly)[] history) =>
        new(due, history.Select((h, i) => (h.Item1, h.Item2, Recorded.AddMinutes(i))).ToList());

    [Fact]
    public void Phase_Two_by_December_2016_counts_20_objectives_99_milestones_48_delivered()
    {
        var dueMay2017 = new DateOnly(2017, 5, 31);
        var milestones = Enumerable.Range(0, 99)
            .Select(i => i < 48
                ? Milestone(dueMay2017, (MilestoneStatus.InProgress, new DateOnly(2016, 7, 11)), (MilestoneStatus.Delivered, new DateOnly(2016, 12, 1)))
                : Milestone(dueMay2017, (MilestoneStatus.InProgress, new DateOnly(2016, 7, 11))))
            .ToList();

        var summary = ImprovementPlanCounts.Summarise(20, milestones, new DateOnly(2016, 12, 31), "Phase Two");

        Assert.Equal((20, 99, 48, 51, 0, 0), (summary.Objectives, summary.Milestones, summary.Delivered, summary.InProgress, summary.NotStarted, summary.Late));
        Assert.Equal(48.5m, summary.DeliveredPercent);
    }

    [Fact]
    public void A_status_counts_from_its_date_so_earlier_dates_see_the_earlier_status()
    {
        var m = Milestone(new DateOnly(2017, 5, 31), (MilestoneStatus.InProgress, new DateOnly(2016, 9, 1)), (MilestoneStatus.Delivered, new DateOnly(2016, 12, 1)));
        Assert.Equal(MilestoneStatus.NotStarted, ImprovementPlanCounts.StatusAt(m, new DateOnly(2016, 8, 31)));
        Assert.Equal(MilestoneStatus.InProgress, ImprovementPlanCounts.StatusAt(m, new DateOnly(2016, 11, 30)));
        Assert.Equal(MilestoneStatus.Delivered, ImprovementPlanCounts.StatusAt(m, new DateOnly(2016, 12, 1)));
    }

    [Fact]
    public void A_milestone_not_delivered_by_its_due_date_is_late_the_day_after()
    {
        var m = Milestone(new DateOnly(2017, 5, 31), (MilestoneStatus.InProgress, new DateOnly(2016, 9, 1)));
        Assert.Equal(MilestoneStatus.InProgress, ImprovementPlanCounts.StatusAt(m, new DateOnly(2017, 5, 31)));
        Assert.Equal(MilestoneStatus.Late, ImprovementPlanCounts.StatusAt(m, new DateOnly(2017, 6, 1)));
    }

    [Fact]
    public void A_delivered_milestone_is_never_late_and_a_recorded_late_one_stays_late()
    {
        var delivered = Milestone(new DateOnly(2017, 5, 31), (MilestoneStatus.Delivered, new DateOnly(2017, 5, 1)));
        var recordedLate = Milestone(new DateOnly(2017, 5, 31), (MilestoneStatus.Late, new DateOnly(2017, 3, 1)));
        Assert.Equal(MilestoneStatus.Delivered, ImprovementPlanCounts.StatusAt(delivered, new DateOnly(2018, 1, 1)));
        Assert.Equal(MilestoneStatus.Late, ImprovementPlanCounts.StatusAt(recordedLate, new DateOnly(2017, 3, 1)));
    }

    [Fact]
    public void An_empty_plan_counts_zero_and_has_no_delivered_percentage()
    {
        var summary = ImprovementPlanCounts.Summarise(0, [], new DateOnly(2016, 12, 31), null);
        Assert.Equal((0, 0, null), (summary.Milestones, summary.Delivered, summary.DeliveredPercent));
    }
}

public class CorporatePlanFiguresTests
{
    private static IReadOnlyList<CorporateMeasure> Measures(int onTarget, int offTarget, int noData, int improving, int stable, int declining)
    {
        var list = new List<CorporateMeasure>();
        var n = 0;
        var directions = Enumerable.Repeat<DirectionOfTravel?>(DirectionOfTravel.Improving, improving)
            .Concat(Enumerable.Repeat<DirectionOfTravel?>(DirectionOfTravel.Stable, stable))
            .Concat(Enumerable.Repeat<DirectionOfTravel?>(DirectionOfTravel.Declining, declining)).ToList();
        foreach (var target in Enumerable.Repeat<bool?>(true, onTarget).Concat(Enumerable.Repeat<bool?>(false, offTarget)).Concat(Enumerable.Repeat<bool?>(null, noData)))
        {
            list.Add(new CorporateMeasure($"m-{n:D3}", target, n < directions.Count ? directions[n] : null));
            n++;
        }
        return list;
    }

    [Fact]
    public void Q3_2016_17_is_43_9_percent_on_target_counting_only_measures_with_data()
    {
        // 25 of the 57 measures with data on target; three measures without data this quarter are not counted.
        var quarter = CorporatePlanFigures.Quarter("2016-17", 3, Measures(onTarget: 25, offTarget: 32, noData: 3, improving: 22, stable: 14, declining: 10));
        Assert.Equal(new Share(25, 57, 43.9m), quarter.OnTarget);
        Assert.Equal(new Share(22, 46, 47.8m), quarter.Improving);
        Assert.Equal(new Share(10, 46, 21.7m), quarter.Declining);
        Assert.Equal(60, quarter.Measures.Count);
    }

    [Fact]
    public void A_quarter_whose_measures_have_no_data_has_no_percentage()
    {
        var quarter = CorporatePlanFigures.Quarter("2016-17", 1, Measures(0, 0, 4, 0, 0, 0));
        Assert.Equal(new Share(0, 0, null), quarter.OnTarget);
        Assert.Equal(new Share(0, 0, null), quarter.Improving);
    }
}

public class CommissionerDaysTests
{
    [Fact]
    public void Of_200_pooled_days_in_2018_19_with_about_40_used_160_remain()
    {
        Assert.Equal(160m, CommissionerDayRules.Remaining(200m, 40m));
    }

    [Fact]
    public void Days_used_beyond_the_allocation_remain_negative()
    {
        Assert.Equal(-12.5m, CommissionerDayRules.Remaining(200m, 212.5m));
    }

    [Fact]
    public void Without_an_allocation_nothing_can_be_said_to_remain()
    {
        Assert.Null(CommissionerDayRules.Remaining(null, 448m));
    }
}

public class FinancialPeriodsTests
{
    [Theory]
    [InlineData("Q1", 1)]
    [InlineData("q3", 3)]
    [InlineData("4", 4)]
    public void Quarters_are_Q1_to_Q4(string text, int quarter)
    {
        Assert.True(FinancialPeriods.TryParseQuarter(text, out var parsed));
        Assert.Equal(quarter, parsed);
    }

    [Theory]
    [InlineData("Q0")]
    [InlineData("Q5")]
    [InlineData("Q")]
    [InlineData("Q12")]
    [InlineData("")]
    public void Other_quarters_are_refused(string text)
    {
        Assert.False(FinancialPeriods.TryParseQuarter(text, out _));
    }
}

public class HealthCheckFactorsTests
{
    [Fact]
    public void The_health_check_has_ten_factors_numbered_1_to_10()
    {
        Assert.Equal(10, HealthCheckFactors.All.Count);
        Assert.NotNull(HealthCheckFactors.Find(1));
        Assert.Contains("adult social care and domestic abuse", HealthCheckFactors.Find(10));
        Assert.Null(HealthCheckFactors.Find(0));
        Assert.Null(HealthCheckFactors.Find(11));
    }
}
