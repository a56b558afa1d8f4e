using Microsoft.Extensions.Configuration;

namespace Intervention.AppHost;

/// <summary>
/// Where the AppHost's servers come from (<c>--servers</c> or <c>INTERVENTION_SERVERS</c>): Aspire's RabbitMQ and PostgreSQL
/// containers (the official images) where a container runtime is healthy, or Debian's binaries as local executables.
/// </summary>
public enum ServerKind { Containers, Local }

/// <summary>
/// What the AppHost runs with, from the command line (<c>--gateway-port 5080 --servers local --replicas 2</c>) or the environment
/// (<c>INTERVENTION_GATEWAY_PORT</c>, <c>INTERVENTION_SERVERS</c>, <c>INTERVENTION_APPHOST_DATA</c>,
/// <c>AppHost__Replicas</c>: instances of each service, 1 to 8).
/// </summary>
public sealed record AppHostSettings(int GatewayPort, ServerKind Servers, string ServersReason, string DataFolder, int Replicas = 1)
{
    public const int DefaultGatewayPort = 5080;

    public static AppHostSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var gatewayPort = Number("gateway-port", "INTERVENTION_GATEWAY_PORT", DefaultGatewayPort, 65535, "The gateway port");
        // Git-ignored, inside the clone, so a run never disturbs other work on the machine.
        var data = Path.GetFullPath(
            configuration["INTERVENTION_APPHOST_DATA"] is { Length: > 0 } given ? given : Path.Combine(appHostDirectory, "..", ".apphost"));

        var (servers, reason) = (configuration["servers"] ?? configuration["INTERVENTION_SERVERS"])?.ToLowerInvariant() switch
        {
            null or "" or "auto" => ContainerRuntime.IsHealthy(out var why) ? (ServerKind.Containers, why) : (ServerKind.Local, why),
            "containers" => (ServerKind.Containers, "chosen with --servers containers"),
            "local" => (ServerKind.Local, "chosen with --servers local"),
            var other => throw new ArgumentException($"--servers must be containers, local or auto, not '{other}'."),
        };
        return new AppHostSettings(gatewayPort, servers, reason, data, Number("replicas", "AppHost:Replicas", 1, 8, "The replicas of each service"));

        int Number(string option, string key, int fallback, int most, string what) => (configuration[option] ?? configuration[key]) is not { } given ? fallback
            : int.TryParse(given, out var number) && number >= 1 && number <= most ? number
            : throw new ArgumentException($"{what} must be a number from 1 to {most}, not '{given}' (--{option} or {key}).");
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
