using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Intervention.Bench;

/// <summary>
/// Seconds from <c>dotnet run --no-build --project AppHost -- --gateway-port N</c> (with a fresh, empty data folder) to every resource
/// healthy: as the AppHost reports it ("all healthy in X s") and as seen from outside (from starting the process to that
/// line, and to the gateway answering <c>/alive</c>). Each run is stopped with SIGINT, as Ctrl+C would.
/// </summary>
public static partial class ColdStart
{
    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Number("runs", 3);
        var report = new Report("apphost-cold-start");
        report.Header("AppHost cold start",
            $"{runs} runs, each with a new INTERVENTION_APPHOST_DATA folder (new RabbitMQ node, new PostgreSQL cluster, " +
            "five services' migrations from nothing, the gateway)");
        var assembly = Path.Combine(Repository.Root(), "AppHost", "bin", Configuration, "net10.0", "Intervention.AppHost.dll");
        if (!File.Exists(assembly)) throw new FileNotFoundException("The AppHost is not built", assembly);
        report.Line($"Command: `dotnet run --no-build -c {Configuration} --project AppHost -- --gateway-port N --servers local` " +
                    "(the launch profile's dashboard included).");
        report.Line();

        report.Line("| run | AppHost's own figure s | command -> \"all healthy\" line s | command -> gateway /alive 200 s | stopped in s |");
        report.Line("|---:|---:|---:|---:|---:|");
        var own = new List<double>();
        var outside = new List<double>();
        var gatewayAlive = new List<double>();
        var tables = new List<(double Own, IReadOnlyList<string> Table)>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await OnceAsync(assembly);
            own.Add(result.Own);
            outside.Add(result.Outside);
            gatewayAlive.Add(result.GatewayAlive);
            tables.Add((result.Own, result.Table));
            report.Line($"| {run} | {result.Own:0.0} | {result.Outside:0.0} | {result.GatewayAlive:0.0} | {result.Stopped:0.0} |");
        }
        report.Line();
        report.Line($"Median: AppHost's figure **{Stats.Median(own):0.0} s**, from outside **{Stats.Median(outside):0.0} s** to every service healthy, " +
                    $"{Stats.Median(gatewayAlive):0.0} s to the gateway answering.");
        report.Line("From outside includes starting the .NET runtime for the AppHost itself; the AppHost's figure starts once it runs. " +
                    "The first run may also pay cold disk caches.");
        report.Line();
        report.Line("Where the median run's time went (the AppHost's table: seconds from its start to each resource running and healthy):");
        report.Line();
        report.Line("```");
        foreach (var line in tables.OrderBy(t => t.Own).ElementAt(tables.Count / 2).Table) report.Line(line);
        report.Line("```");
        report.Save();
        return 0;
    }

    private static async Task<(double Own, double Outside, double GatewayAlive, double Stopped, IReadOnlyList<string> Table)> OnceAsync(string assembly)
    {
        var data = Directory.CreateTempSubdirectory("apphost-bench-");
        // The servers run as their own users (postgres, rabbitmq) and must reach their folders below this one.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(data.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        var port = BenchSystem.FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "--no-build", "-c", Configuration, "--project", Path.Combine(Repository.Root(), "AppHost"),
            "--", "--gateway-port", port.ToString(CultureInfo.InvariantCulture), "--servers", "local"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["INTERVENTION_APPHOST_DATA"] = data.FullName;
        var healthy = new TaskCompletionSource<(double Own, double Outside)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = new Queue<string>();
        var table = new List<string>(); // the AppHost's table of resources, the lines after "all healthy"
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > 30) tail.Dequeue();
                if (table.Count > 0 && table.Count < 12 && e.Data.Length > 0 && !e.Data.StartsWith(' ') && !LogLine().IsMatch(e.Data)) table.Add(e.Data);
                if (AllHealthy().IsMatch(e.Data)) table.Add(e.Data);
            }
            if (AllHealthy().Match(e.Data) is { Success: true } m)
                healthy.TrySetResult((double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), clock.Elapsed.TotalSeconds));
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var alive = WaitForGatewayAsync(port, clock);
        try
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(healthy.Task, exited, Task.Delay(TimeSpan.FromMinutes(3))) != healthy.Task)
                throw new InvalidOperationException($"The AppHost did not report every service healthy:\n{string.Join('\n', tail)}");
            var (own, outside) = await healthy.Task;
            var gatewayAlive = await alive.WaitAsync(TimeSpan.FromSeconds(30));

            var stopping = Stopwatch.StartNew();
            // SIGINT to dotnet run and the AppHost it started, as Ctrl+C in a terminal reaches the whole foreground group.
            foreach (var pid in ChildrenOf(process.Id).Prepend(process.Id)) _ = kill(pid, 2);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
            var stopped = stopping.Elapsed.TotalSeconds;
            // The servers and services stop a few seconds after the AppHost: the next run must not start beside them.
            List<string> rows;
            lock (tail) rows = table.ToList();
            var pids = rows.Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(cells => cells.Length > 2)
                .Select(cells => int.TryParse(cells[2], out var pid) ? pid : 0).Where(pid => pid > 0).ToList();
            for (var waited = 0; waited < 300 && pids.Any(pid => Directory.Exists($"/proc/{pid}")); waited++) await Task.Delay(100);
            return (own, outside, gatewayAlive, stopped, rows);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            try { data.Delete(recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.WriteLine($"left {data.FullName}: {e.Message}"); }
        }
    }

    private static async Task<double> WaitForGatewayAsync(int port, Stopwatch clock)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/alive");
                if (response.IsSuccessStatusCode) return clock.Elapsed.TotalSeconds;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        return double.NaN;
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [GeneratedRegex(@"all healthy in ([0-9.]+) s")]
    private static partial Regex AllHealthy();

    [GeneratedRegex(@"^[a-z]+: ")]
    private static partial Regex LogLine();

    private static IEnumerable<int> ChildrenOf(int parent) => Directory.EnumerateDirectories("/proc")
        .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
        .Where(pid =>
        {
            try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[1] == parent.ToString(CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is IOException or IndexOutOfRangeException) { return false; }
        }).ToList();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
