using System.Text.Json;

namespace Intervention.AppHost;

/// <summary>
/// One console for every process: each line prefixed with the process's name in its own colour. The
/// services log JSON (for machines); here each entry is shown as time, level, category and message.
/// </summary>
internal sealed class ConsoleLog
{
    private static readonly ConsoleColor[] Colours = [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan];
    private readonly Dictionary<string, ConsoleColor> _colours = new();
    private readonly Lock _lock = new();

    public void Line(string source, string line)
    {
        var text = Render(line);
        lock (_lock)
        {
            if (!_colours.TryGetValue(source, out var colour)) _colours[source] = colour = Colours[_colours.Count % Colours.Length];
            Console.ForegroundColor = colour;
            Console.Write($"{source,-10} | ");
            Console.ResetColor();
            Console.WriteLine(text);
        }
    }

    public void Say(string message) => Line("apphost", message);

    private static string Render(string line)
    {
        if (!line.StartsWith('{')) return line;
        try
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            string Get(string name) => root.TryGetProperty(name, out var v) ? v.ToString() : "";
            var time = Get("Timestamp") is { Length: >= 19 } t ? t[11..19] : "";
            var level = Get("LogLevel") switch { "Information" => "info", "Warning" => "WARN", "Error" => "FAIL", "Critical" => "CRIT", var l => l.ToLowerInvariant() };
            var message = Get("Message");
            if (root.TryGetProperty("Exception", out var exception)) message += " " + exception.GetString()?.Split('\n')[0];
            return $"{time} {level} {Get("Category")}: {message}";
        }
        catch (JsonException)
        {
            return line;
        }
    }
}
