using Children.API.Returns903;
using Intervention.Contracts;

namespace Children.Tests.Returns903;

/// <summary>A 903 collection year is read exactly as the council's financial year is, in either written form.</summary>
public class CollectionYearTests
{
    [Theory]
    [InlineData("2017/18", 2017)]
    [InlineData("2017-18", 2017)]
    [InlineData(" 1999/00 ", 1999)]
    public void Either_form_names_the_year_from_1_April_to_31_March(string text, int startYear)
    {
        Assert.True(CollectionYear.TryParse(text, out var year));
        Assert.Equal(startYear, year.StartYear);
        Assert.Equal((new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31)), (year.Start, year.End));
        Assert.Equal($"{startYear}/{(startYear + 1) % 100:00}", year.ToString());
    }

    [Theory]
    [InlineData("2017/19")]
    [InlineData("2017")]
    [InlineData("17/18")]
    [InlineData("2101/02")]
    [InlineData(null)]
    public void What_the_financial_year_refuses_the_collection_year_refuses_too(string? text)
    {
        Assert.False(FinancialYear.TryParse(text, out _));
        Assert.False(CollectionYear.TryParse(text, out _));
    }

    [Fact]
    public void A_day_falls_in_the_collection_year_of_its_financial_year()
    {
        Assert.Equal(2016, CollectionYear.Of(new DateOnly(2017, 3, 31)).StartYear);
        Assert.Equal(2017, CollectionYear.Of(new DateOnly(2017, 4, 1)).StartYear);
        Assert.Equal("2017-18", CollectionYear.Of(new DateOnly(2017, 4, 1)).PathForm);
    }
}
