namespace Governance.API.Restoration;

/// <summary>Settings of the quarterly reviews (section <c>Reviews</c>).</summary>
public sealed class ReviewOptions
{
    public const string Section = "Reviews";

    /// <summary>The review dates the seeds name; each quarter after the last follows until <see cref="Until"/>.</summary>
    public static readonly DateOnly[] DefaultDates = [new(2017, 5, 11), new(2017, 8, 11), new(2017, 11, 11)];

    /// <summary>Review dates (<c>Reviews:Dates:0</c> ...); the defaults when none are configured.</summary>
    public IReadOnlyList<DateOnly> Dates { get; set; } = [];
    /// <summary>The last date a quarterly review can fall on: the intervention's end (31 March 2019).</summary>
    public DateOnly Until { get; set; } = new(2019, 3, 31);
    /// <summary>How often the service looks for a review date that has arrived.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>A date missed by more than this (the service was down, or the dates are history) is listed but not announced late.</summary>
    public int CatchUpDays { get; set; } = 14;
}

/// <summary>Which review dates there are, which is next and which are due to be announced. Pure: dates and today in.</summary>
public static class ReviewSchedule
{
    /// <summary>The configured dates in order, then a review each quarter after the last until <paramref name="until"/>.</summary>
    public static IReadOnlyList<DateOnly> Dates(IEnumerable<DateOnly> configured, DateOnly until)
    {
        var dates = configured.Distinct().Order().ToList();
        if (dates.Count == 0) return dates;
        for (var next = dates[^1].AddMonths(3); next <= until; next = next.AddMonths(3)) dates.Add(next);
        return dates;
    }

    /// <summary>The first review on or after <paramref name="today"/>; null when none is left.</summary>
    public static DateOnly? Next(IEnumerable<DateOnly> dates, DateOnly today) =>
        dates.Where(d => d >= today).Order().Cast<DateOnly?>().FirstOrDefault();

    /// <summary>The dates that have arrived, within the catch-up window, and were not announced yet, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Due(IEnumerable<DateOnly> dates, IReadOnlySet<DateOnly> announced, DateOnly today, int catchUpDays) =>
        dates.Where(d => d <= today && d >= today.AddDays(-catchUpDays) && !announced.Contains(d)).Distinct().Order().ToList();
}
