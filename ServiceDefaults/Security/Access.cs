using Intervention.Contracts.Governance;

namespace Intervention.ServiceDefaults.Security;

/// <summary>The roles in tokens (the <c>roles</c> claim, as Microsoft Entra ID issues app roles), from DESIGN.md.</summary>
public static class Roles
{
    public const string Commissioner = "commissioner";
    public const string Children = "children";
    public const string Licensing = "licensing";
    public const string Governance = "governance";
    public const string Finance = "finance";
    public const string Integrator = "integrator";
    public const string Ops = "ops";

    public static IReadOnlyList<string> All { get; } = [Commissioner, Children, Licensing, Governance, Finance, Integrator, Ops];

    /// <summary>The role of the team that owns a portfolio.</summary>
    public static string Of(Portfolio portfolio) => PortfolioNames.Of(portfolio);
}

/// <summary>What an endpoint gives access to; each is a policy naming the roles that may call it in this service.</summary>
public enum Access
{
    /// <summary>The portfolio's own records: its team and the Commissioners (who read every portfolio).</summary>
    Read,
    /// <summary>Changes to the portfolio's records: its team only.</summary>
    Write,
    /// <summary>A decision: the team, or a Commissioner where the Directions give the function to the Commissioners (checked by the endpoint).</summary>
    Decide,
    /// <summary>Records about one person (a child, a driver): the portfolio's team alone; every read is audited.</summary>
    Personal,
    /// <summary>Aggregates and registers without personal data: the team, the Commissioners and integrators.</summary>
    Aggregate,
    /// <summary>The audit trail of reads and changes: the portfolio's team (its lead).</summary>
    AuditTrail,
}

public static class AccessPolicies
{
    /// <summary>
    /// Whether the caller reads this portfolio from outside (an integrator), not as its team or a Commissioner: answers for
    /// outsiders withhold what names a person.
    /// </summary>
    public static bool IsOutsider(this System.Security.Claims.ClaimsPrincipal user, Portfolio portfolio) =>
        !RolesFor(Access.Read, portfolio).Any(user.IsInRole);

    public static string PolicyName(Access access) => "access:" + access.ToString().ToLowerInvariant();

    /// <summary>The roles allowed by <paramref name="access"/> in the service of <paramref name="portfolio"/>.</summary>
    public static IReadOnlyList<string> RolesFor(Access access, Portfolio portfolio)
    {
        var team = Roles.Of(portfolio);
        return access switch
        {
            Access.Read => [team, Roles.Commissioner],
            Access.Write => [team],
            Access.Decide => [team, Roles.Commissioner],
            Access.Personal => [team],
            Access.Aggregate => [team, Roles.Commissioner, Roles.Integrator],
            Access.AuditTrail => [team],
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
        };
    }
}
