using Intervention.Contracts.Finance.Http;

namespace Intervention.Seeds.Finance;

/// <summary>
/// Budget monitoring for 2016/17 and 2017/18: the directorates, the cost centres the forecasts use, and the in-year
/// allocation of £8.5m that Council agreed on 7 December 2016, £8m of it for Children's Services. The budgets are
/// illustrative (the reports give no cost-centre budgets), labelled so in their names.
/// </summary>
public static class MonitoringSeed
{
    public const string Children = "children-and-young-peoples-services";
    public const string Adults = "adult-care-and-housing";
    public const string Corporate = "corporate";
    public const string Placements = "children-placements";

    public static IEnumerable<(string Code, DirectorateRequest Request)> Directorates() =>
    [
        (Children, new() { Name = "Children and Young People's Services" }),
        (Adults, new() { Name = "Adult Care and Housing" }),
        (Corporate, new() { Name = "Corporate (finance and customer services, central budgets)" }),
    ];

    public static IEnumerable<(string Code, CostCentreRequest Request)> CostCentres() =>
    [
        (Placements, new() { Directorate = Children, Name = "Looked after children's placements (demand-led forecast)" }),
        ("children-social-care", new() { Directorate = Children, Name = "Children's social care teams" }),
        ("adult-social-care", new() { Directorate = Adults, Name = "Adult social care" }),
        ("corporate-contingency", new() { Directorate = Corporate, Name = "Central budgets and contingency" }),
    ];

    /// <summary>Illustrative net budgets: not published per cost centre.</summary>
    public static IEnumerable<(string Year, string CostCentre, decimal NetBudget)> Budgets() =>
    [
        ("2016-17", Placements, 22_400_000m),
        ("2016-17", "children-social-care", 31_600_000m),
        ("2016-17", "adult-social-care", 68_900_000m),
        ("2016-17", "corporate-contingency", 9_500_000m),
        ("2017-18", Placements, 30_100_000m),
        ("2017-18", "children-social-care", 33_200_000m),
        ("2017-18", "adult-social-care", 71_800_000m),
        ("2017-18", "corporate-contingency", 4_000_000m),
    ];

    /// <summary>The £8.5m in-year allocation of 7 December 2016: £8m to Children's Services, £0.5m to adult social care.</summary>
    public static IEnumerable<(string Year, Guid Id, VirementRequest Request)> Virements() =>
    [
        ("2016-17", new Guid("5eed0000-2016-1207-0000-000000000001"), new()
        {
            From = "corporate-contingency", To = Placements, Amount = 8_000_000m,
            Reason = "In-year allocation agreed by Council on 7 December 2016: £8m of the £8.5m for Children's Services",
            CabinetDecision = "Council, 7 December 2016: additional in-year funding of £8.5m",
        }),
        ("2016-17", new Guid("5eed0000-2016-1207-0000-000000000002"), new()
        {
            From = "corporate-contingency", To = "adult-social-care", Amount = 500_000m,
            Reason = "In-year allocation agreed by Council on 7 December 2016: the remaining £0.5m of the £8.5m",
            CabinetDecision = "Council, 7 December 2016: additional in-year funding of £8.5m",
        }),
    ];
}
