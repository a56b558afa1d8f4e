namespace Intervention.Seeds;

public static class SeedArguments
{
    /// <summary>The gateway's base address from <c>--gateway URL</c>, else the environment, else http://localhost:5080; null when malformed.</summary>
    public static Uri? Gateway(string[] args, string? fromEnvironment)
    {
        var value = fromEnvironment ?? "http://localhost:5080";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--gateway" && i + 1 < args.Length) value = args[++i];
            else if (args[i].StartsWith("--gateway=", StringComparison.Ordinal)) value = args[i]["--gateway=".Length..];
            else return null;
        }
        return Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }
}
