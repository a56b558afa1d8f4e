namespace Intervention.ServiceDefaults.Tests.Rules;

using System.Text.RegularExpressions;
using Intervention.Contracts.Governance;

/// <summary>The functions register: the codes every Directions, decision and event uses.</summary>
public partial class CouncilFunctionsTests
{
    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void Every_function_code_is_kebab_case()
    {
        Assert.All(CouncilFunctions.All, f => Assert.Matches(KebabCase(), f.Code));
    }

    [Fact]
    public void No_two_functions_share_a_code()
    {
        var duplicates = CouncilFunctions.All.GroupBy(f => f.Code).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_function_has_a_name()
    {
        Assert.All(CouncilFunctions.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Name), f.Code));
    }

    [Theory]
    [InlineData(Portfolio.Children, new[] { "childrens-social-care" })]
    [InlineData(Portfolio.Licensing, new[] { "licensing" })]
    [InlineData(Portfolio.Governance, new[] { "statutory-officer-appointments", "outside-body-appointments", "performance-management" })]
    [InlineData(Portfolio.Finance, new[] { "financial-services", "audit", "asset-management" })]
    [InlineData(Portfolio.Council, new[]
    {
        "education-and-schools", "public-health", "leisure-and-green-spaces", "customer-and-cultural-services", "housing",
        "planning-and-transportation", "neighbourhoods-and-area-assemblies", "regulation-and-enforcement",
        "sheffield-city-region-policy", "economic-growth", "town-centre", "external-partnerships", "community-safety",
        "adult-social-care", "domestic-abuse", "waste-collection", "grounds-maintenance", "human-resources",
    })]
    public void Each_portfolio_owns_exactly_the_functions_the_grid_gives_it(Portfolio portfolio, string[] codes)
    {
        Assert.Equal(codes.Order(StringComparer.Ordinal), CouncilFunctions.OwnedBy(portfolio).Select(f => f.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_is_owned_by_one_of_the_portfolios()
    {
        var owned = Enum.GetValues<Portfolio>().SelectMany(CouncilFunctions.OwnedBy).Count();

        Assert.Equal(CouncilFunctions.All.Count, owned);
        Assert.All(CouncilFunctions.All, f => Assert.True(Enum.IsDefined(f.Portfolio), f.Code));
    }

    [Fact]
    public void Find_returns_the_function_with_that_code()
    {
        var licensing = CouncilFunctions.Find("licensing");

        Assert.NotNull(licensing);
        Assert.Equal("licensing", licensing.Code);
        Assert.Equal(Portfolio.Licensing, licensing.Portfolio);
    }

    [Theory]
    [InlineData("taxi-licensing")]
    [InlineData("Licensing")]
    [InlineData(" licensing")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_of_a_code_not_in_the_register_is_null(string? code)
    {
        Assert.Null(CouncilFunctions.Find(code));
    }
}
