namespace Intervention.Contracts.Governance;

/// <summary>The portfolio service that owns a council function's records and decisions.</summary>
public enum Portfolio
{
    /// <summary>Children's social care (services/children).</summary>
    Children,
    /// <summary>Taxi and private hire licensing (services/licensing).</summary>
    Licensing,
    /// <summary>Directions, decisions and restoration of powers (services/governance).</summary>
    Governance,
    /// <summary>Budget monitoring and the MTFS (services/finance).</summary>
    Finance,
    /// <summary>A function no portfolio service holds records for.</summary>
    Council,
}

/// <summary>
/// The portfolios that have a service of their own, by the one name each goes by: the gateway's path segment, the team's
/// role, the service's name in the AppHost and the seeds' <c>--only</c> list. Everything that lists portfolios reads it here.
/// </summary>
public static class PortfolioNames
{
    /// <summary>The portfolios with a service, in the order of the design: children, licensing, governance, finance.</summary>
    public static IReadOnlyList<Portfolio> WithServices { get; } = [Portfolio.Children, Portfolio.Licensing, Portfolio.Governance, Portfolio.Finance];

    /// <summary>Their names: <c>children</c>, <c>licensing</c>, <c>governance</c>, <c>finance</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. WithServices.Select(Of)];

    /// <summary>The name <paramref name="portfolio"/> goes by: its enum name in lower case.</summary>
    public static string Of(Portfolio portfolio) => portfolio.ToString().ToLowerInvariant();
}

/// <summary>A council function in the responsibility grid, with its stable kebab-case code.</summary>
/// <param name="Code">Stable code used in Directions, decisions and events, e.g. <c>licensing</c>.</param>
/// <param name="Name">The function's name as the council writes it.</param>
/// <param name="Portfolio">The portfolio service that owns it.</param>
public sealed record CouncilFunction(string Code, string Name, Portfolio Portfolio);

/// <summary>
/// The functions register (the "A to Z responsibility grid"): every council function a Directions
/// may assign. Codes are part of the published contract: never rename one.
/// </summary>
public static class CouncilFunctions
{
    /// <summary>Every function, in the order of the grid.</summary>
    public static IReadOnlyList<CouncilFunction> All { get; } =
    [
        new("childrens-social-care", "Children's social care", Portfolio.Children),
        new("licensing", "Licensing (taxi and private hire)", Portfolio.Licensing),
        new("statutory-officer-appointments", "Appointment of statutory officers", Portfolio.Governance),
        new("outside-body-appointments", "Appointments to outside bodies", Portfolio.Governance),
        new("performance-management", "Performance management", Portfolio.Governance),
        new("financial-services",
            "Financial services (revenues and benefits, ICT, legal and democratic, communications, policy, procurement, budget control and planning)",
            Portfolio.Finance),
        new("audit", "Audit", Portfolio.Finance),
        new("asset-management", "Asset management", Portfolio.Finance),
        new("education-and-schools", "Education and schools", Portfolio.Council),
        new("public-health", "Public health", Portfolio.Council),
        new("leisure-and-green-spaces", "Leisure and green spaces", Portfolio.Council),
        new("customer-and-cultural-services", "Customer and cultural services", Portfolio.Council),
        new("housing", "Housing", Portfolio.Council),
        new("planning-and-transportation", "Planning and transportation", Portfolio.Council),
        new("neighbourhoods-and-area-assemblies", "Neighbourhoods and area assemblies", Portfolio.Council),
        new("regulation-and-enforcement", "Building regulation and enforcement (except licensing)", Portfolio.Council),
        new("sheffield-city-region-policy", "Sheffield City Region policy", Portfolio.Council),
        new("economic-growth", "Economic growth", Portfolio.Council),
        new("town-centre", "Town centre", Portfolio.Council),
        new("external-partnerships", "External partnerships", Portfolio.Council),
        new("community-safety", "Community safety", Portfolio.Council),
        new("adult-social-care", "Adult social care", Portfolio.Council),
        new("domestic-abuse", "Domestic abuse", Portfolio.Council),
        new("waste-collection", "Waste collection", Portfolio.Council),
        new("grounds-maintenance", "Grounds maintenance", Portfolio.Council),
        new("human-resources", "Human resources", Portfolio.Council),
    ];

    private static readonly Dictionary<string, CouncilFunction> ByCode = All.ToDictionary(f => f.Code, StringComparer.Ordinal);

    /// <summary>The function with this exact code, or null when the code is not in the register.</summary>
    public static CouncilFunction? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var f) ? f : null;

    /// <summary>The functions a portfolio owns.</summary>
    public static IReadOnlyList<CouncilFunction> OwnedBy(Portfolio portfolio) => All.Where(f => f.Portfolio == portfolio).ToList();
}
