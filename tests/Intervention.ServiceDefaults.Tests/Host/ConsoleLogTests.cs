using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Intervention.ServiceDefaults.Tests.Host;

/// <summary>
/// The console log is read as text (the Aspire dashboard's console view, <c>kubectl logs</c>, a terminal): a value a caller
/// sent must not start a line of its own there, nor colour or rewrite the view, whichever console formatter is configured.
/// </summary>
public sealed class ConsoleLogTests
{
    private const string Forged = "/api/x\r\n{\"Timestamp\":\"2026-11-25T10:00:00.000Z\",\"LogLevel\":\"Critical\",\"Message\":\"forged\"}\n\u001b[31mred\u2028\u0085\t";

    /// <summary>A log call's state as the logging source generator and LoggerMessage make it: the values and the rendered message.</summary>
    private sealed class State(string path) : List<KeyValuePair<string, object?>>([new("Path", path), new("{OriginalFormat}", "Request for {Path}")])
    {
        public override string ToString() => "Request for " + path;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("simple")]
    [InlineData("systemd")]
    public async Task A_control_character_in_a_logged_value_is_escaped_and_the_entry_stays_one_line(string? configured)
    {
        await using var host = await DefaultsHost.StartAsync("licensing", builder =>
        {
            if (configured is not null) builder.Configuration["Logging:Console:FormatterName"] = configured;
        });
        var options = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = host.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == (options.FormatterName ?? ConsoleFormatterNames.Simple));
        var state = new State(Forged);
        var entry = new LogEntry<State>(LogLevel.Information, "Licensing.API.Requests", new EventId(1), state, null, (s, _) => s.ToString());
        using var written = new StringWriter();
        formatter.Write(entry, new LoggerExternalScopeProvider(), written);
        var text = written.ToString();

        Assert.EndsWith("\n", text);
        var body = text.TrimEnd('\n').TrimEnd('\r');
        Assert.True(body.IndexOfAny(['\r', '\n', '\u001b', '\u2028', '\u0085']) < 0, $"{formatter.Name} wrote a raw control character: {text}");
    }
}
