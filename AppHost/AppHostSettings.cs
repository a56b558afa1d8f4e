using Microsoft.Extensions.Configuration;

namespace Intervention.AppHost;

/// <summary>
/// Where the AppHost's servers come from (<c>--servers</c> or <c>INTERVENTION_SERVERS</c>): Aspire's RabbitMQ and PostgreSQL
/// containers (the official images) where a container runtime is healthy, or Debian's binaries as local executables.
/// </summary>
public enum ServerKind { Containers, Local }

/// <summary>
/// What the AppHost runs with, from the command line (<c>--gateway-port 5080 --servers local</c>) or the environment
/// (<c>INTERVENTION_GATEWAY_PORT</c>, <c>INTERVENTION_SERVERS</c>, <c>INTERVENTION_APPHOST_DATA</c>).
/// </summary>
public sealed record AppHostSettings(int GatewayPort, ServerKind Servers, string ServersReason, string DataFolder)
{
    public const int DefaultGatewayPort = 5080;

    public static AppHostSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var port = configuration["gateway-port"] ?? configuration["INTERVENTION_GATEWAY_PORT"];
        var gatewayPort = DefaultGatewayPort;
        if (port is not null && (!int.TryParse(port, out gatewayPort) || gatewayPort is < 1 or > 65535))
            throw new ArgumentException($"The gateway port must be a number from 1 to 65535, not '{port}' (--gateway-port or INTERVENTION_GATEWAY_PORT).");

        // Git-ignored, inside the clone, so a run never disturbs other work on the machine.
        var data = configuration["INTERVENTION_APPHOST_DATA"] is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".apphost"));

        var (servers, reason) = (configuration["servers"] ?? configuration["INTERVENTION_SERVERS"])?.ToLowerInvariant() switch
        {
            null or "" or "auto" => ContainerRuntime.IsHealthy(out var why) ? (ServerKind.Containers, why) : (ServerKind.Local, why),
            "containers" => (ServerKind.Containers, "chosen with --servers containers"),
            "local" => (ServerKind.Local, "chosen with --servers local"),
            var other => throw new ArgumentException($"--servers must be containers, local or auto, not '{other}'."),
        };
        return new AppHostSettings(gatewayPort, servers, reason, data);
    }
}

/// <summary>Whether Docker or Podman (Aspire's <c>ASPIRE_CONTAINER_RUNTIME</c>) answers <c>info</c>, as Aspire itself will call it.</summary>
internal static class ContainerRuntime
{
    public static bool IsHealthy(out string reason)
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } r ? r : "docker";
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(runtime, "info --format {{.ServerVersion}}") { RedirectStandardOutput = true };
            info.RedirectStandardError = true;
            using var process = System.Diagnostics.Process.Start(info)!;
            var answered = process.WaitForExit(TimeSpan.FromSeconds(10));
            if (!answered) process.Kill(entireProcessTree: true);
            reason = !answered ? $"{runtime} did not answer within 10 s"
                : process.ExitCode == 0 ? $"{runtime} answered"
                : $"{runtime} info failed (exit {process.ExitCode})";
            return answered && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            reason = $"no {runtime} on PATH";
            return false;
        }
    }
}
