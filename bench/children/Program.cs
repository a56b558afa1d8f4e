using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Children.API.Returns903;
using Intervention.Seeds.Children;
using Intervention.Bench;

// Import + validate time of a 903 return, side by side for two sizes:
//   dotnet run -c Release --project bench/children [-- --runs 7] [--in-process] [--large [--large-scales 0.5,1,2]]
// 1. In process: read the CSV (the service's streaming reader) and run every rule, no database.
// 2. End to end: POST /api/903/imports to the children service as the AppHost runs it (its own process, a private
//    PostgreSQL and RabbitMQ: upload, read, COPY into the database, validate, commit, report).
var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1]) : 7;
var sizes = new[] { ("2017/18 seed year", SyntheticYearShape.Rotherham2017To18), ("benchmark year", SyntheticYearShape.Benchmark) };
var returns = sizes.Select(s => (s.Item1, Return: SyntheticReturn.Generate(s.Item2))).ToList();
foreach (var (name, r) in returns)
    Console.WriteLine($"{name}: {r.Children} children, {r.Episodes} episodes, {r.Reviews} reviews, {r.MissingEpisodes} missing episodes, " +
                      $"{r.Files.Values.Sum(f => Encoding.UTF8.GetByteCount(f.ToString())) / 1024} KB of CSV");

if (args.Contains("--sizes-only")) return 0;

var year = new CollectionYear(2017);
var inProcess = new List<(string, double Read, double Validate, int Findings)>();
foreach (var (name, r) in returns)
{
    var bytes = r.Files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value.ToString()));
    var reads = new List<double>();
    var validations = new List<double>();
    var findings = 0;
    for (var i = 0; i < runs + 1; i++)
    {
        var clock = Stopwatch.StartNew();
        var data = new ReturnData();
        var reader = new RowReader();
        foreach (var (table, content) in bytes) reader.Read(table, table + ".csv", CsvFile.Open(new MemoryStream(content), table + ".csv"), data);
        var read = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        findings = new Validator903(year).Validate(data).Count;
        var validate = clock.Elapsed.TotalMilliseconds;
        if (i == 0) continue; // warm-up
        reads.Add(read);
        validations.Add(validate);
    }
    inProcess.Add((name, Median(reads), Median(validations), findings));
}

if (args.Contains("--in-process"))
{
    // The rules alone, no system started: to compare two builds of the validator run side by side on a busy machine.
    Console.WriteLine($"\n{runs} counted runs after one warm-up; medians in milliseconds");
    Console.WriteLine("| return | read CSV (in process) | validate, every rule (in process) | validate / read | findings |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (name, read, validate, count) in inProcess) Console.WriteLine($"| {name} | {read:0.0} | {validate:0.0} | {validate / read:0.000} | {count} |");
    return 0;
}

// The services collect garbage as they are built to (Directory.Build.props: the workstation GC); BENCH_GC_SERVER=1 (or 0)
// says otherwise, to compare.
await using var system = await BenchSystem.StartAsync(Environment.GetEnvironmentVariable("BENCH_GC_SERVER") is { } gcServer
    ? new Dictionary<string, string> { ["DOTNET_gcServer"] = gcServer }
    : null);
// Measured on a settled system: the other services' warm-up after "healthy" took most of a core from the import.
var (settledAfter, settledRate) = await system.SettledAsync();
Console.WriteLine($"system settled {settledAfter:0} s after healthy: {settledRate:0} ms of CPU per second, all parts");
using var http = system.Client(system.Address("children"));
http.Timeout = TimeSpan.FromMinutes(5);
var endToEnd = new List<(string, double Median, double Min, double Max)>();
var spansOf = new List<(string, Dictionary<string, List<double>>)>();
foreach (var (name, r) in returns)
{
    var times = new List<double>();
    var spans = new Dictionary<string, List<double>>();
    for (var i = 0; i < runs + 1; i++)
    {
        using var form = new MultipartFormDataContent { { new StringContent("2017/18"), "collectionYear" } };
        foreach (var (table, text) in r.Files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", table + ".csv");
        }
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("api/903/imports", form);
        await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import answered {(int)response.StatusCode}");
        if (i == 0) continue;
        times.Add(elapsed);
        // The service's own account of where the time went: its Server-Timing header (name;dur=ms, ...).
        foreach (var span in response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(",", values).Split(',') : [])
            if (span.Split(";dur=") is [var key, var ms]) (spans.TryGetValue(key.Trim(), out var list) ? list : spans[key.Trim()] = []).Add(double.Parse(ms));
    }
    endToEnd.Add((name, Median(times), times.Min(), times.Max()));
    spansOf.Add((name, spans));
}

if (args.Contains("--large"))
{
    // Large returns (about 50 MB of CSV at scale 1), smallest first: the time of each and the service's peak resident memory
    // (VmHWM) while it imports, above its resident memory before the first. Bounded memory means the peak does not grow with
    // the file: compare the scales. The peak is reset before each import (clear_refs 5), so each figure is that import's own.
    var at = Array.IndexOf(args, "--large-scales");
    var scales = at >= 0 ? args[at + 1].Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray() : [1.0];
    var pid = system.ProcessId("children");
    var baseline = Megabytes(pid, "VmRSS:");
    foreach (var scale in scales)
    {
        var large = SyntheticReturn.Generate(new SyntheticYearShape((int)(90_000 * scale), (int)(108_000 * scale), (int)(54_000 * scale), 0.81, 0.93,
            7.0, 0.385));
        var bytes = large.Files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value.ToString()));
        large = null;
        GC.Collect(); // the bench's own copy of the CSV text is not the service's memory, but it shares the machine
        var before = Megabytes(pid, "VmRSS:");
        File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        using var form = new MultipartFormDataContent { { new StringContent("2017/18"), "collectionYear" } };
        foreach (var (table, content) in bytes)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", table + ".csv");
        }
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("api/903/imports", form);
        var body = await response.Content.ReadAsStringAsync();
        var peak = Megabytes(pid, "VmHWM:");
        var report = JsonDocument.Parse(body).RootElement;
        var rows = report.TryGetProperty("rows", out var kept) ? kept.EnumerateObject().Sum(table => table.Value.GetInt32()) : 0;
        Console.WriteLine($"large return x{scale}: {rows:N0} rows, {bytes.Values.Sum(b => (long)b.Length) / 1024 / 1024} MB of CSV; " +
                          $"answered {(int)response.StatusCode} ({body.Length / 1024} KB report) in {clock.Elapsed.TotalSeconds:0.0} s; " +
                          $"service resident memory {baseline} MB before the first large return, {before} MB before this one, peak {peak} MB " +
                          $"(+{peak - baseline} MB)");
    }
}

Console.WriteLine($"\n{runs} counted runs after one warm-up; medians in milliseconds");
Console.WriteLine("| return | read CSV (in process) | validate, every rule (in process) | findings | import + validate over HTTP (min-max) |");
Console.WriteLine("|---|---|---|---|---|");
for (var i = 0; i < returns.Count; i++)
    Console.WriteLine($"| {returns[i].Item1} | {inProcess[i].Read:0.0} | {inProcess[i].Validate:0.0} | {inProcess[i].Findings} | " +
                      $"{endToEnd[i].Median:0} ({endToEnd[i].Min:0}-{endToEnd[i].Max:0}) |");
foreach (var (name, spans) in spansOf)
    Console.WriteLine($"{name}, where the import's time went in the service (Server-Timing, medians in ms): " +
                      string.Join(", ", spans.Select(s => $"{s.Key} {Median(s.Value):0.0}")));
Console.WriteLine($"ratio benchmark / seed year: read {inProcess[1].Read / inProcess[0].Read:0.00}, " +
                  $"validate {inProcess[1].Validate / inProcess[0].Validate:0.00}, HTTP import {endToEnd[1].Median / endToEnd[0].Median:0.00}; " +
                  $"rows {(double)Rows(returns[1].Return) / Rows(returns[0].Return):0.00}");
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// VmRSS (resident now) or VmHWM (the peak since the process started or its peak was last reset) of a process, in MB.
static long Megabytes(int pid, string field) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

static int Rows(SyntheticReturn r) => r.Children + r.Episodes + r.Reviews + r.MissingEpisodes;
