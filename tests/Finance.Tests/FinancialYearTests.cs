using Finance.API;

namespace Finance.Tests;

public class FinancialYearTests
{
    [Theory]
    [InlineData("2017/18", 2017)]
    [InlineData("2017-18", 2017)]
    [InlineData("1999/00", 1999)]
    public void Reads_both_ways_of_writing_a_year(string text, int start)
    {
        Assert.True(FinancialYear.TryParse(text, out var year));
        Assert.Equal(start, year.StartYear);
    }

    [Theory]
    [InlineData("2017/19")]
    [InlineData("2017")]
    [InlineData("17/18")]
    [InlineData("2017-2018")]
    public void Refuses_what_is_not_one_financial_year(string text) => Assert.False(FinancialYear.TryParse(text, out _));

    [Fact]
    public void Runs_from_1_April_to_31_March()
    {
        var year = new FinancialYear(2017);
        Assert.Equal((new DateOnly(2017, 4, 1), new DateOnly(2018, 3, 31), "2017-18"), (year.Start, year.End, year.ToString()));
        Assert.Equal(year, FinancialYear.Of(new DateOnly(2018, 3, 31)));
        Assert.Equal(new FinancialYear(2016), FinancialYear.Of(new DateOnly(2017, 3, 31)));
    }
}
