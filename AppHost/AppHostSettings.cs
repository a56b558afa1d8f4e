using Intervention.Servers;

namespace Intervention.AppHost;

/// <summary>
/// What the AppHost runs with. Servers: private ones unless <c>ConnectionStrings__messaging</c> (an
/// amqp:// URI) or <c>ConnectionStrings__postgres</c> (an Npgsql connection string to a server where
/// each service's database may be created) name existing ones.
/// </summary>
internal sealed record AppHostSettings
{
    public const int DefaultGatewayPort = 5080;

    public int GatewayPort { get; init; } = DefaultGatewayPort;
    public string? Messaging { get; init; }
    public string? Postgres { get; init; }
    public string? OtlpEndpoint { get; init; }
    public string DataFolder { get; init; } = "";
    public string? Error { get; init; }

    public static AppHostSettings From(string[] args, Func<string, string?> environment)
    {
        var port = environment("INTERVENTION_GATEWAY_PORT");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--gateway-port" && i + 1 < args.Length) port = args[++i];
            else if (args[i].StartsWith("--gateway-port=", StringComparison.Ordinal)) port = args[i]["--gateway-port=".Length..];
            else return new AppHostSettings { Error = $"Unknown argument '{args[i]}'. Usage: dotnet run --project AppHost [-- --gateway-port <port>]" };
        }
        var gatewayPort = DefaultGatewayPort;
        if (port is not null && (!int.TryParse(port, out gatewayPort) || gatewayPort is < 1 or > 65535))
            return new AppHostSettings { Error = $"The gateway port must be a number from 1 to 65535, not '{port}'." };

        return new AppHostSettings
        {
            GatewayPort = gatewayPort,
            Messaging = NullIfBlank(environment("ConnectionStrings__messaging")),
            Postgres = NullIfBlank(environment("ConnectionStrings__postgres")),
            OtlpEndpoint = NullIfBlank(environment("OTEL_EXPORTER_OTLP_ENDPOINT")),
            // Git-ignored, inside the clone, so a run never disturbs other work on the machine.
            DataFolder = NullIfBlank(environment("INTERVENTION_APPHOST_DATA")) ?? Path.Combine(BuildOutput.RepoRoot(), ".apphost"),
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
