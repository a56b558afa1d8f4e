using System.Globalization;
using System.Text;

namespace Intervention.Bench;

/// <summary>A benchmark's results: printed as they come and written to <c>bench/results/&lt;date&gt;-&lt;name&gt;.md</c> at the end.</summary>
public sealed class Report(string name)
{
    private readonly StringBuilder _text = new();

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        _text.AppendLine(line);
    }

    /// <summary>Writes the file and answers its path.</summary>
    public string Save()
    {
        var folder = Path.Combine(Repository.Root(), "bench", "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd-HHmm}-{name}.md");
        File.WriteAllText(path, _text.ToString());
        Console.WriteLine($"\nwritten to {Path.GetRelativePath(Repository.Root(), path)}");
        return path;
    }

    /// <summary>The configuration this program (and so the system it started) was built in: the README's commands say Release.</summary>
    private static string Configuration =>
        typeof(Report).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "unknown";

    /// <summary>The first lines of every report: what ran, when and on what, so a figure is never read without its machine.</summary>
    public void Header(string title, string settings)
    {
        Line($"# {title}");
        Line();
        Line($"- run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Configuration} build");
        Line($"- machine: {Machine.Describe()}");
        Line($"- settings: {settings}");
        Line();
    }
}

public static class Machine
{
    public static string Describe()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        var memory = "";
        try
        {
            var kb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            memory = $", {kb / 1024 / 1024.0:0.0} GB memory";
        }
        catch (IOException) { }
        var load = "";
        try
        {
            load = $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start";
        }
        catch (IOException) { }
        return $"{Environment.ProcessorCount} cores, {cpu}{memory}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}{load}";
    }
}

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToList(), 50);
}

/// <summary>Options as <c>--name value</c> pairs after the benchmark's name.</summary>
public sealed class Options(string[] args)
{
    public string Text(string name, string fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public int Number(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public int[] Numbers(string name, string fallback) =>
        Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
}

/// <summary>The repository's root: the folder holding Intervention.sln, above the running program.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Intervention.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Intervention.sln not found above " + AppContext.BaseDirectory);
    }
}
