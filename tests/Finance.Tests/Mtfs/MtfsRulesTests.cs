using Finance.API;
using Finance.API.Mtfs;
using Intervention.Contracts.Finance.Http;

namespace Finance.Tests.Mtfs;

public class MtfsRulesTests
{
    private static readonly FinancialYear[] Years = [new(2016), new(2017), new(2018)];

    private static MtfsAssumption Line(AssumptionCategory category, string? year, decimal value, string? name = null) =>
        new() { Category = category, Year = year, Name = name, Value = value, Source = "test", AsOf = new DateOnly(2016, 3, 2) };

    [Fact]
    public void A_negative_tax_base_is_refused_naming_the_field()
    {
        var errors = new Dictionary<string, string[]>();
        MtfsRules.Read([Line(AssumptionCategory.BandD, null, 1000m), Line(AssumptionCategory.TaxBase, "2016/17", -5m)], Years, "assumptions", errors);
        Assert.Contains("more than zero", Assert.Single(errors["assumptions[1].value"]));
    }

    [Fact]
    public void A_year_outside_the_strategy_is_refused_naming_the_years_it_covers()
    {
        var errors = new Dictionary<string, string[]>();
        MtfsRules.Read([Line(AssumptionCategory.TaxBase, "2019/20", 100m)], Years, "assumptions", errors);
        Assert.Equal("2019-20 is outside this strategy (2016-17 to 2018-19)", Assert.Single(errors["assumptions[0].year"]));
    }

    [Fact]
    public void A_grant_without_a_name_and_a_repeated_line_are_refused()
    {
        var errors = new Dictionary<string, string[]>();
        MtfsRules.Read(
        [
            Line(AssumptionCategory.SpecificGrant, "2016-17", 5m),
            Line(AssumptionCategory.Savings, "2016-17", 5m, "Libraries"),
            Line(AssumptionCategory.Savings, "2016-17", 6m, "libraries "),
        ], Years, "assumptions", errors);
        Assert.Contains("assumptions[0].name", errors.Keys);
        Assert.Contains("repeats Savings", Assert.Single(errors["assumptions[2]"]));
    }

    [Fact]
    public void A_version_without_a_tax_base_for_every_year_is_refused()
    {
        var errors = new Dictionary<string, string[]>();
        var read = MtfsRules.Read([Line(AssumptionCategory.BaseBudget, null, 1m), Line(AssumptionCategory.BandD, null, 1m), Line(AssumptionCategory.TaxBase, "2016/17", 1m)], Years, "assumptions", errors);
        MtfsRules.RequireEssentials(read, Years, "assumptions", errors);
        Assert.Equal("is missing TaxBase 2017-18, TaxBase 2018-19", Assert.Single(errors["assumptions"]));
    }

    [Fact]
    public void A_scenario_replaces_the_lines_it_names_and_leaves_its_parent_as_it_was()
    {
        var errors = new Dictionary<string, string[]>();
        var parent = MtfsRules.Read([Line(AssumptionCategory.TaxBase, "2016/17", 100m), Line(AssumptionCategory.TaxBase, "2017/18", 101m)], Years, "a", errors);
        var before = parent.ToList();
        var changes = MtfsRules.Read([Line(AssumptionCategory.TaxBase, "2017-18", 90m), Line(AssumptionCategory.DemandFactor, null, 1.1m)], Years, "c", errors);

        var scenario = MtfsRules.Apply(parent, changes);

        Assert.Equal(before, parent);
        Assert.Equal(3, scenario.Count);
        Assert.Equal(90m, scenario.Single(a => a.Category == AssumptionCategory.TaxBase && a.Year == new FinancialYear(2017)).Value);
        Assert.Equal(100m, scenario.Single(a => a.Category == AssumptionCategory.TaxBase && a.Year == new FinancialYear(2016)).Value);
    }
}
