using Intervention.Portal.Overview;

namespace Portal.Tests.Overview;

/// <summary>The overview's day, from GOV.UK's three date boxes: errors name the box to correct, in the Design System's words.</summary>
public sealed class ChosenDayTests
{
    private static readonly DateOnly Today = new(2018, 3, 1);

    [Fact]
    public void No_date_given_is_today() => Assert.Equal(Today, ChosenDay.Read(null, "", " ", Today).Day);

    [Fact]
    public void The_first_of_June_2016() => Assert.Equal(new DateOnly(2016, 6, 1), ChosenDay.Read("1", "6", "2016", Today).Day);

    [Theory]
    [InlineData("", "6", "2016", "The date must include a day", "day")]
    [InlineData("1", "", "2016", "The date must include a month", "month")]
    [InlineData("1", "6", "", "The date must include a year", "year")]
    [InlineData("31", "6", "2016", "The date must be a real date", "day")]
    [InlineData("29", "2", "2017", "The date must be a real date", "day")]
    [InlineData("1", "13", "2016", "The date must be a real date", "month")]
    [InlineData("1", "6", "16", "The year must include 4 numbers", "year")]
    [InlineData("x", "6", "2016", "The date must be a real date", "day")]
    public void A_part_missing_or_not_a_real_date_names_the_box(string day, string month, string year, string error, string field)
    {
        var chosen = ChosenDay.Read(day, month, year, Today);
        Assert.Equal((null, error, field), (chosen.Day, chosen.Error, chosen.Field));
    }

    [Fact]
    public void A_day_is_read_at_noon_in_London_summer_time_too() =>
        Assert.Equal(DateTimeOffset.Parse("2016-06-01T11:00:00Z"), ChosenDay.Read("1", "6", "2016", Today).Instant);
}
