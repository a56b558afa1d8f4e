using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Intervention.FunctionalTests;

/// <summary>A span as the services exported it over OTLP/HTTP.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, int Kind)
{
    /// <summary>OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
    public const int Consumer = 5, Server = 2;
}

/// <summary>One data point of a metric as a service exported it (gauges and sums; the value as a double).</summary>
public sealed record ReceivedMetric(string Service, string Scope, string Name, double Value);

/// <summary>
/// An OTLP/HTTP receiver for tests: the services' exporters send it protobuf
/// (ExportTraceServiceRequest), and it keeps each span's service, name, kind and ids. It reads the
/// protobuf wire format directly for the few fields it needs, so it needs no generated code.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedMetric> _metrics = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";
    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();
    public IReadOnlyCollection<ReceivedMetric> Metrics => _metrics.ToArray();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            foreach (var span in Protobuf.ReadSpans(buffer.ToArray())) receiver._spans.Enqueue(span);
            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/v1/logs", () => Results.Ok());
        app.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            foreach (var metric in Protobuf.ReadMetrics(buffer.ToArray())) receiver._metrics.Enqueue(metric);
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver.Endpoint = app.Urls.First();
        return receiver;
    }

    /// <summary>Waits until a span matching <paramref name="match"/> has arrived.</summary>
    public async Task<ReceivedSpan> WaitForAsync(Func<ReceivedSpan, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_spans.FirstOrDefault(match) is { } span) return span;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No span {what} arrived within {timeout.TotalSeconds:0}s. Spans received: " +
            string.Join("; ", _spans.Select(s => $"{s.Service}/{s.Name}/kind {s.Kind}/trace {s.TraceId}")));
    }

    public async ValueTask DisposeAsync()
    {
        // The system that sent here has stopped: disposed without a stop, Kestrel would give open connections 5 s to close.
        using (var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            try { await _app.StopAsync(soon.Token); }
            catch (OperationCanceledException) { }
        }
        await _app.DisposeAsync();
    }

    /// <summary>Just enough of the protobuf wire format for OTLP's trace export.</summary>
    private static class Protobuf
    {
        public static IEnumerable<ReceivedSpan> ReadSpans(byte[] request)
        {
            var spans = new List<ReceivedSpan>();
            foreach (var (field, resourceSpans) in Fields(request))
            {
                if (field != 1) continue; // ExportTraceServiceRequest.resource_spans
                var service = "";
                foreach (var (f, value) in Fields(resourceSpans))
                {
                    if (f == 1) service = ServiceName(value); // ResourceSpans.resource
                    if (f != 2) continue;                      // ResourceSpans.scope_spans
                    var scope = "";
                    foreach (var (sf, sv) in Fields(value))
                    {
                        if (sf == 1) scope = Fields(sv).Where(x => x.Field == 1).Select(x => Text(x.Value)).FirstOrDefault() ?? "";
                        if (sf == 2) spans.Add(Span(service, scope, sv));
                    }
                }
            }
            return spans;
        }

        /// <summary>ExportMetricsServiceRequest: resource_metrics(1) > scope_metrics(2) > metrics(2) > gauge(5) or sum(7) > data_points(1).</summary>
        public static IEnumerable<ReceivedMetric> ReadMetrics(byte[] request)
        {
            var metrics = new List<ReceivedMetric>();
            foreach (var (field, resourceMetrics) in Fields(request))
            {
                if (field != 1) continue;
                var service = "";
                foreach (var (f, value) in Fields(resourceMetrics))
                {
                    if (f == 1) service = ServiceName(value);
                    if (f != 2) continue;
                    var scope = "";
                    foreach (var (sf, metric) in Fields(value))
                    {
                        if (sf == 1) scope = Fields(metric).Where(x => x.Field == 1).Select(x => Text(x.Value)).FirstOrDefault() ?? "";
                        if (sf != 2) continue;
                        var name = "";
                        foreach (var (mf, mv) in Fields(metric))
                        {
                            if (mf == 1) name = Text(mv);
                            if (mf is not (5 or 7)) continue;
                            foreach (var (pf, point) in Fields(mv))
                            {
                                if (pf != 1) continue;
                                var number = 0d;
                                foreach (var (nf, nv) in Fields(point))
                                {
                                    if (nf == 4) number = BitConverter.ToDouble(nv);
                                    if (nf == 6) number = BitConverter.ToInt64(nv);
                                }
                                metrics.Add(new ReceivedMetric(service, scope, name, number));
                            }
                        }
                    }
                }
            }
            return metrics;
        }

        private static ReceivedSpan Span(string service, string scope, byte[] span)
        {
            string traceId = "", spanId = "", parent = "", name = "";
            var kind = 0;
            foreach (var (f, v) in Fields(span))
            {
                switch (f)
                {
                    case 1: traceId = Convert.ToHexStringLower(v); break;
                    case 2: spanId = Convert.ToHexStringLower(v); break;
                    case 4: parent = Convert.ToHexStringLower(v); break;
                    case 5: name = Text(v); break;
                    case 6: kind = (int)ToVarint(v); break;
                }
            }
            return new ReceivedSpan(service, scope, name, traceId, spanId, parent, kind);
        }

        private static string ServiceName(byte[] resource)
        {
            foreach (var (f, keyValue) in Fields(resource))
            {
                if (f != 1) continue; // Resource.attributes
                var parts = Fields(keyValue).ToList();
                var key = parts.Where(p => p.Field == 1).Select(p => Text(p.Value)).FirstOrDefault();
                if (key != "service.name") continue;
                var anyValue = parts.First(p => p.Field == 2).Value;
                return Fields(anyValue).Where(p => p.Field == 1).Select(p => Text(p.Value)).FirstOrDefault() ?? "";
            }
            return "";
        }

        private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

        /// <summary>Varint fields come back as their 8-byte little-endian value, others as their raw bytes.</summary>
        private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
        {
            var position = 0;
            while (position < message.Length)
            {
                var tag = ReadVarint(message, ref position);
                var field = (int)(tag >> 3);
                switch ((int)(tag & 7))
                {
                    case 0: yield return (field, BitConverter.GetBytes(ReadVarint(message, ref position))); break;
                    case 1: yield return (field, message[position..(position + 8)]); position += 8; break;
                    case 2:
                        var length = (int)ReadVarint(message, ref position);
                        yield return (field, message[position..(position + length)]);
                        position += length;
                        break;
                    case 5: yield return (field, message[position..(position + 4)]); position += 4; break;
                    default: throw new InvalidDataException($"Unsupported protobuf wire type in field {field}.");
                }
            }
        }

        private static ulong ToVarint(byte[] v) => BitConverter.ToUInt64(v);

        private static ulong ReadVarint(byte[] data, ref int position)
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[position++];
                result |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) return result;
            }
        }
    }
}
