using System.Text.RegularExpressions;

namespace Finance.API.Monitoring;

/// <summary>The codes callers choose for directorates, cost centres and savings proposals: kebab-case.</summary>
public static partial class MonitoringCodes
{
    public const string Rule = "must be 2 to 60 lowercase letters, digits and hyphens, starting with a letter";

    [GeneratedRegex("^[a-z][a-z0-9-]{1,59}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);
}
