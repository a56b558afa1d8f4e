using Intervention.ServiceDefaults;
using Governance.API.Restoration;

namespace Governance.Tests.Restoration;

public class ReviewScheduleTests
{
    private static readonly IReadOnlyList<DateOnly> Rotherham = ReviewSchedule.Dates(ReviewOptions.DefaultDates, new DateOnly(2019, 3, 31));

    [Fact]
    public void The_seeded_reviews_continue_each_quarter_until_the_intervention_ends()
    {
        Assert.Equal(
            [new(2017, 5, 11), new(2017, 8, 11), new(2017, 11, 11), new(2018, 2, 11), new(2018, 5, 11), new(2018, 8, 11), new(2018, 11, 11), new(2019, 2, 11)],
            Rotherham);
    }

    [Fact]
    public void The_review_after_10_August_2017_is_11_August_and_on_11_August_it_is_that_day()
    {
        Assert.Equal(new DateOnly(2017, 8, 11), ReviewSchedule.Next(Rotherham, new DateOnly(2017, 8, 10)));
        Assert.Equal(new DateOnly(2017, 8, 11), ReviewSchedule.Next(Rotherham, new DateOnly(2017, 8, 11)));
        Assert.Equal(new DateOnly(2017, 11, 11), ReviewSchedule.Next(Rotherham, new DateOnly(2017, 8, 12)));
    }

    [Fact]
    public void After_the_last_review_there_is_none_next()
    {
        Assert.Null(ReviewSchedule.Next(Rotherham, new DateOnly(2019, 2, 12)));
    }

    [Fact]
    public void No_configured_dates_mean_no_reviews()
    {
        Assert.Empty(ReviewSchedule.Dates([], new DateOnly(2019, 3, 31)));
    }

    [Fact]
    public void Configured_dates_are_ordered_and_unique()
    {
        Assert.Equal([new(2017, 5, 11), new(2017, 8, 11)],
            ReviewSchedule.Dates([new(2017, 8, 11), new(2017, 5, 11), new(2017, 8, 11)], new DateOnly(2017, 10, 1)));
    }

    [Fact]
    public void A_review_date_is_due_from_its_day_until_it_is_announced()
    {
        var none = new HashSet<DateOnly>();
        Assert.Empty(ReviewSchedule.Due(Rotherham, none, new DateOnly(2017, 5, 10), 14));
        Assert.Equal([new DateOnly(2017, 5, 11)], ReviewSchedule.Due(Rotherham, none, new DateOnly(2017, 5, 11), 14));
        Assert.Empty(ReviewSchedule.Due(Rotherham, new HashSet<DateOnly> { new(2017, 5, 11) }, new DateOnly(2017, 5, 11), 14));
    }

    [Fact]
    public void A_date_missed_while_down_is_announced_within_the_catch_up_window_but_not_years_late()
    {
        var none = new HashSet<DateOnly>();
        Assert.Equal([new DateOnly(2017, 5, 11)], ReviewSchedule.Due(Rotherham, none, new DateOnly(2017, 5, 25), 14));
        Assert.Empty(ReviewSchedule.Due(Rotherham, none, new DateOnly(2017, 5, 26), 14));
        Assert.Empty(ReviewSchedule.Due(Rotherham, none, new DateOnly(2026, 11, 22), 14));
    }

    [Fact]
    public void A_review_date_starts_at_midnight_in_London_not_UTC()
    {
        // 10 August 2017, 23:30 UTC is 00:30 BST on 11 August: the review has arrived.
        Assert.Equal(new DateOnly(2017, 8, 11), CouncilTime.DateOf(DateTimeOffset.Parse("2017-08-10T23:30:00Z")));
        // 10 November 2017, 23:30 UTC is still 10 November in London (GMT).
        Assert.Equal(new DateOnly(2017, 11, 10), CouncilTime.DateOf(DateTimeOffset.Parse("2017-11-10T23:30:00Z")));
    }
}
