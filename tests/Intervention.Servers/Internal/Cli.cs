using System.Diagnostics;

namespace Intervention.Servers.Internal;

internal sealed record CliResult(int ExitCode, string Output);

/// <summary>Runs short-lived commands (initdb, chown, rabbitmqctl) with a time limit.</summary>
internal static class Cli
{
    public const string SafePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Root runs servers as their package's OS user (initdb refuses root); anyone else runs them as themselves.</summary>
    public static bool SwitchesUser => Environment.IsPrivilegedProcess;

    /// <summary>
    /// The command line that runs <paramref name="file"/> as <paramref name="user"/> (when root) with only the given
    /// environment: `env -i` keeps the caller's RABBITMQ_*/PG* variables from leaking into a private server.
    /// </summary>
    public static List<string> CommandLine(string user, IReadOnlyDictionary<string, string> environment, string file, IEnumerable<string> args)
    {
        var line = new List<string>();
        if (SwitchesUser) line.AddRange(["runuser", "-u", user, "--"]);
        line.AddRange(["env", "-i", $"PATH={SafePath}", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]);
        line.AddRange(environment.Select(kv => $"{kv.Key}={kv.Value}"));
        line.Add(file);
        line.AddRange(args);
        return line;
    }

    public static async Task<CliResult> RunAsync(IReadOnlyList<string> commandLine, TimeSpan timeout, CancellationToken ct, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(commandLine[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var arg in commandLine.Skip(1)) psi.ArgumentList.Add(arg);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {commandLine[0]}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* exited meanwhile */ }
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{string.Join(' ', commandLine)}` did not finish within {timeout.TotalSeconds:0} s.");
        }
        // A daemon the command spawned (epmd) could hold the pipes open: do not wait on them for long.
        var output = "";
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            output = (stdout.Result + stderr.Result).Trim();
        }
        catch (TimeoutException)
        {
            output = "(output unavailable: a child process kept it open)";
        }
        return new CliResult(process.ExitCode, output);
    }

    public static async Task<string> RunCheckedAsync(IReadOnlyList<string> commandLine, TimeSpan timeout, CancellationToken ct, string? workingDirectory = null)
    {
        var result = await RunAsync(commandLine, timeout, ct, workingDirectory).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"`{string.Join(' ', commandLine)}` failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return result.Output;
    }
}
