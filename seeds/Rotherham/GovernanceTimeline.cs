using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;

namespace Intervention.Seeds.Rotherham;

/// <summary>
/// The Directions of the Rotherham intervention, from DOMAIN.md and the seed documents (Commissioners'
/// reports 2017-2018). Where the sources give only the month, the day is chosen and says so.
/// </summary>
public static class GovernanceTimeline
{
    private static readonly string[] FirstTranche =
    [
        "education-and-schools", "public-health", "leisure-and-green-spaces", "customer-and-cultural-services", "housing",
        "planning-and-transportation", "neighbourhoods-and-area-assemblies", "regulation-and-enforcement", "financial-services",
        "sheffield-city-region-policy",
    ];

    private static readonly string[] March2017 =
    [
        "economic-growth", "town-centre", "external-partnerships", "community-safety", "performance-management",
        "waste-collection", "grounds-maintenance", "audit",
    ];

    private static readonly string[] September2017 = ["outside-body-appointments", "asset-management", "human-resources"];

    public sealed record SeedDirections(string Label, IssueDirectionsRequest Request);

    public static IReadOnlyList<SeedDirections> All { get; } =
    [
        new("26 Feb 2015: all executive functions and licensing to the Commissioners", Directions(2015, 2, 26, ["DCLG", "DfE"],
            CouncilFunctions.All.Select(f => Assign(f.Code, Authority.Commissioners)), interventionEndsOn: new DateOnly(2019, 3, 31))),
        new("Feb 2016 (day illustrative: 11th): first tranche returned to the Cabinet", Directions(2016, 2, 11, ["DCLG"],
            FirstTranche.Select(f => Assign(f, Authority.Cabinet)))),
        new("Dec 2016 (day illustrative: 21st): licensing returned to the Council (Licensing Board) with Commissioner advice",
            Directions(2016, 12, 21, ["DCLG"],
            [Assign("licensing", Authority.Council, Oversight.Advice)])),
        new("8 Mar 2017: further functions returned; adult social care with a Commissioner veto over key decisions", Directions(2017, 3, 8, ["DCLG"],
            March2017.Select(f => Assign(f, Authority.Cabinet)).Append(Assign("adult-social-care", Authority.Cabinet, Oversight.Veto)))),
        new("Sep 2017 (day illustrative: 1st): all but children's social care and statutory officer appointments; residual powers over domestic abuse",
            Directions(2017, 9, 1, ["DCLG"],
            September2017.Select(f => Assign(f, Authority.Cabinet)).Append(Assign("domestic-abuse", Authority.Cabinet, Oversight.Veto)))),
        new("Sep 2018 (day illustrative: 1st): all powers returned", Directions(2018, 9, 1, ["MHCLG", "DfE"],
            [
                Assign("childrens-social-care", Authority.Cabinet), Assign("statutory-officer-appointments", Authority.Council),
                Assign("adult-social-care", Authority.Cabinet), Assign("domestic-abuse", Authority.Cabinet),
            ])),
    ];

    private static FunctionAssignment Assign(string function, Authority authority, Oversight oversight = Oversight.None) =>
        new() { Function = function, Authority = authority, Oversight = oversight };

    private static IssueDirectionsRequest Directions(int year, int month, int day, string[] issuedBy, IEnumerable<FunctionAssignment> assignments,
        DateOnly? interventionEndsOn = null) => new()
    {
        IssuedOn = new DateOnly(year, month, day),
        IssuedBy = issuedBy,
        EffectiveFrom = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero),
        InterventionEndsOn = interventionEndsOn,
        Assignments = assignments.ToList(),
    };

    /// <summary>The same Directions are already in the register: same effective instant, same assignments.</summary>
    public static bool AlreadyRecorded(IssueDirectionsRequest seed, IEnumerable<DirectionsDetail> register) =>
        register.Any(d => d.EffectiveFrom == seed.EffectiveFrom && d.Assignments.ToHashSet().SetEquals(seed.Assignments!));
}
