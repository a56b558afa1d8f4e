namespace Intervention.ServiceDefaults.Tests.Rules;

using Intervention.Contracts;

/// <summary>
/// The one financial year every service reads: finance's budgets and MTFS, governance's corporate plan quarters and
/// Commissioner days. One way of reading it and one set of bounds.
/// </summary>
public class FinancialYearTests
{
    [Theory]
    [InlineData("2017/18", 2017)]
    [InlineData("2017-18", 2017)]
    [InlineData("1999/00", 1999)]
    [InlineData(" 2016-17 ", 2016)]
    public void Reads_both_ways_of_writing_a_year(string text, int start)
    {
        Assert.True(FinancialYear.TryParse(text, out var year));
        Assert.Equal(start, year.StartYear);
    }

    [Theory]
    [InlineData("2016/17", "2016-17")]
    [InlineData("1999-00", "1999-00")]
    public void Is_written_with_a_hyphen(string text, string written)
    {
        Assert.True(FinancialYear.TryParse(text, out var year));
        Assert.Equal(written, year.ToString());
    }

    [Theory]
    [InlineData("2017/19")]
    [InlineData("2017")]
    [InlineData("17/18")]
    [InlineData("2017-2018")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_what_is_not_one_financial_year(string? text) => Assert.False(FinancialYear.TryParse(text, out _));

    [Theory]
    [InlineData("1990-91", true)]
    [InlineData("1989-90", false)]
    [InlineData("1900-01", false)]
    [InlineData("2100-01", true)]
    [InlineData("2101-02", false)]
    public void Accepts_the_years_from_1990_91_to_2100_01(string text, bool accepted) =>
        Assert.Equal(accepted, FinancialYear.TryParse(text, out _));

    [Fact]
    public void Runs_from_1_April_to_31_March()
    {
        var year = new FinancialYear(2017);
        Assert.Equal((new DateOnly(2017, 4, 1), new DateOnly(2018, 3, 31), "2017-18"), (year.Start, year.End, year.ToString()));
        Assert.Equal(year, FinancialYear.Of(new DateOnly(2018, 3, 31)));
        Assert.Equal(new FinancialYear(2016), FinancialYear.Of(new DateOnly(2017, 3, 31)));
    }

    [Fact]
    public void The_rule_names_both_ways_of_writing_it() =>
        Assert.Equal("must be a financial year such as 2017-18 (or 2017/18)", FinancialYear.Rule);
}
