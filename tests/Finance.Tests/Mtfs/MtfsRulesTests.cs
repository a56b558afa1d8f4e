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

    [Fact]
    public void A_version_without_an_id_a_name_a_first_year_or_a_three_to_five_year_span_is_refused_field_by_field()
    {
        var errors = MtfsRules.Validate(new CreateMtfsVersionRequest { Id = "Not An Id", Years = 6 }, out _, out _);

        Assert.Equal(["firstYear", "id", "name", "years"], errors.Keys.Order());
        Assert.Equal(["is required, e.g. 2016/17"], errors["firstYear"]);
    }

    [Fact]
    public void A_version_may_not_set_the_placement_forecast_baseline_the_service_records_itself()
    {
        var request = new CreateMtfsVersionRequest
        {
            Id = "mtfs-2016-19", Name = "Budget and MTFS, 2 March 2016", FirstYear = "2016/17", Years = 3,
            Assumptions = [Line(AssumptionCategory.BandD, null, 1000m), Line(AssumptionCategory.PlacementForecastBaseline, "2016-17", 5m)],
        };

        var errors = MtfsRules.Validate(request, out var years, out _);

        Assert.Equal(["PlacementForecastBaseline is set by the service when the version is recorded"], errors["assumptions[1].category"]);
        Assert.Equal(Years, years);
    }
}
