using System.Security.Cryptography;
using System.Text.Json;
using Intervention.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;

namespace Intervention.AppHost;

/// <summary>
/// For people and scripts trying the system (development only; the data folder is git-ignored): a token per role in
/// <c>tokens/&lt;role&gt;.jwt</c> (and per event audience, <c>integrator-police.jwt</c>), and <c>dashboard.json</c>
/// with the dashboard's URL, its login token and its telemetry
/// API key (<c>/api/telemetry/...</c>, header <c>x-api-key</c>).
/// </summary>
internal static class DevelopmentFiles
{
    public static IDistributedApplicationBuilder AddDevelopmentFiles(this IDistributedApplicationBuilder builder, AppHostSettings settings,
        DevelopmentTokens tokens)
    {
        // Ours rather than Aspire's random ones, so that they can be written down for scripts.
        var config = builder.Configuration;
        config["AppHost:BrowserToken"] ??= NewSecret();
        config["AppHost:DashboardApiKey"] ??= NewSecret();
        if (builder.ExecutionContext.IsPublishMode) return builder;

        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            Directory.CreateDirectory(settings.DataFolder);
            var tokenFolder = tokens.WriteRoleTokens(Path.Combine(settings.DataFolder, "tokens"), TimeSpan.FromHours(12));
            var dashboard = (config["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('/');
            var file = Path.Combine(settings.DataFolder, "dashboard.json");
            var login = dashboard is null ? null : $"{dashboard}/login?t={config["AppHost:BrowserToken"]}";
            var written = new
            {
                url = dashboard, login, browserToken = config["AppHost:BrowserToken"], apiKey = config["AppHost:DashboardApiKey"],
                telemetryApi = dashboard is null ? null : $"{dashboard}/api/telemetry", gateway = $"http://localhost:{settings.GatewayPort}",
            };
            File.WriteAllText(file, JsonSerializer.Serialize(written, new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine($"""
                dashboard: {login ?? "off"}   (also in {file})
                gateway:   http://localhost:{settings.GatewayPort}   (the portal at /, the APIs at /<portfolio>/api)
                tokens for each role (valid 12 h, this run only): {tokenFolder}/<role>.jwt ({string.Join(", ", Roles.All)}, integrator-police)
                RabbitMQ audience users' passwords: {tokenFolder}/amqp-integrator-<audience>.password
                try:       curl -H "Authorization: Bearer $(cat {Path.Combine(tokenFolder, "governance.jwt")})" \
                                http://localhost:{settings.GatewayPort}/governance/api/authority
                """);
            return Task.CompletedTask;
        });
        return builder;
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>The development tokens written down for people and scripts (and the functional tests' scripts).</summary>
public static class RoleTokenFiles
{
    /// <summary>
    /// Writes <c>&lt;role&gt;.jwt</c> per role, <c>integrator-&lt;audience&gt;.jwt</c> per event audience and the AMQP users'
    /// passwords into <paramref name="folder"/> (owner only).
    /// </summary>
    public static string WriteRoleTokens(this DevelopmentTokens tokens, string folder, TimeSpan lifetime)
    {
        Directory.CreateDirectory(folder);
        var roleTokens = Roles.All.Select(role => (Name: role, Token: tokens.ForRole(role, lifetime)));
        var audienceTokens = Contracts.EventAudiences.Named.Select(audience => (Name: $"integrator-{audience}",
            Token: tokens.Mint($"dev-integrator-{audience}", [Roles.Integrator], lifetime, scope: Contracts.EventAudiences.ScopeOf(audience))));
        foreach (var (name, token) in roleTokens.Concat(audienceTokens))
        {
            var path = Path.Combine(folder, $"{name}.jwt");
            File.WriteAllText(path, token);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        BrokerUsers.AudienceUsers.WritePasswords(folder, tokens.SigningKey);
        return folder;
    }
}
