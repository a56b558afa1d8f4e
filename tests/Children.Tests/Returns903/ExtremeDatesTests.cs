using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>A 903 date outside 1900-2100 is no real date (issue 15): reported as the rule for a malformed date, never an overflow.</summary>
public sealed class ExtremeDatesTests
{
    [Theory]
    [InlineData("header:0:DOB=01/01/0001", "102")]
    [InlineData("header:0:DOB=31/12/9999", "102")]
    [InlineData("episodes:0:DECOM=01/01/0001", "141")]
    [InlineData("episodes:0:DEC=31/12/9999;episodes:0:REC=E4A", "147")]
    [InlineData("reviews:0:REVIEW=31/12/9999", "166")]
    [InlineData("missing:0:MIS_START=01/01/0001", "1004")]
    public void A_date_outside_1900_to_2100_is_reported_as_not_a_date(string change, string rule)
    {
        var findings = Returns.Validate(Returns.With(change));

        Assert.Contains(findings, f => f.Rule == rule);
    }

    [Fact]
    public void The_edges_of_the_range_are_dates()
    {
        Assert.Equal(new DateOnly(1900, 1, 1), CodeLists.Date("01/01/1900"));
        Assert.Equal(new DateOnly(2100, 12, 31), CodeLists.Date("31/12/2100"));
        Assert.Null(CodeLists.Date("31/12/1899"));
    }
}
