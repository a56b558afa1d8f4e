using Intervention.Contracts.Governance;

namespace Intervention.Seeds;

/// <summary>What to load and where.</summary>
/// <param name="Gateway">The gateway's base address.</param>
/// <param name="Portfolios">The portfolios whose part of the scenario to load (all by default).</param>
/// <param name="Drivers">How many fictional licensed drivers to create for the 2015 taxi audit (about 1,200 in Rotherham).</param>
/// <param name="Tokens">The folder of role tokens (<c>&lt;portfolio&gt;.jwt</c>) that the AppHost writes; each
/// portfolio's calls carry its team's token.</param>
public sealed record SeedOptions(Uri Gateway, IReadOnlySet<string> Portfolios, int Drivers, string Tokens)
{
    public static readonly IReadOnlySet<string> AllPortfolios = PortfolioNames.All.ToHashSet();
    public bool Loads(string portfolio) => Portfolios.Contains(portfolio);
}

public static class SeedArguments
{
    public const string Usage = "Usage: dotnet run --project seeds -- [--gateway http://localhost:5080] [--tokens .apphost/tokens] " +
        "[--only governance,licensing,children,finance] [--drivers 1200]";

    /// <summary>
    /// <c>--gateway URL</c> (else the environment, else http://localhost:5080), <c>--only a,b</c> (portfolios), <c>--drivers N</c>;
    /// null when an argument is unknown or malformed.
    /// </summary>
    public static SeedOptions? Parse(string[] args, string? gatewayFromEnvironment, string? tokensFromEnvironment = null)
    {
        var gateway = gatewayFromEnvironment ?? "http://localhost:5080";
        var tokens = tokensFromEnvironment ?? Path.Combine(".apphost", "tokens");
        IReadOnlySet<string> portfolios = SeedOptions.AllPortfolios;
        var drivers = 1200;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            if (value is null) return null;
            switch (name)
            {
                case "--gateway":
                    gateway = value;
                    break;
                case "--only":
                    var wanted = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    if (wanted.Count == 0 || !wanted.IsSubsetOf(SeedOptions.AllPortfolios)) return null;
                    portfolios = wanted;
                    break;
                case "--tokens":
                    tokens = value;
                    break;
                case "--drivers":
                    if (!int.TryParse(value, out drivers) || drivers is < 0 or > 100_000) return null;
                    break;
                default:
                    return null;
            }
        }
        return Uri.TryCreate(gateway.EndsWith('/') ? gateway : gateway + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new SeedOptions(uri, portfolios, drivers, tokens)
            : null;
    }
}
