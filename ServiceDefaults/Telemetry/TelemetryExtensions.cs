using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Intervention.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry as an Aspire ServiceDefaults wires it: traces, metrics and logs through
/// OpenTelemetry.Extensions.Hosting, with the ASP.NET Core, HttpClient, runtime, Npgsql and MassTransit
/// instrumentation and our own <c>Intervention.*</c> sources and meters. Exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, as an Aspire AppHost sets it; the exporter and the processors
/// read the other standard variables themselves (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_BSP_SCHEDULE_DELAY</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>...).
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Our own activity sources and meters: the outbox relay, the platform's measures, each portfolio's.</summary>
    public const string OwnSources = "Intervention.*";

    /// <summary>MassTransit's activity source and meter (publish, send, receive, consume).</summary>
    public const string MassTransitSource = "MassTransit";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        // OTEL_SERVICE_NAME, when given, wins over the name the service calls itself.
        var name = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : serviceName;

        // JSON console logs, each with the trace and span it was written in; OpenTelemetry logging beside them.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(name))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(MassTransitSource, OwnSources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransitSource, OwnSources));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>Health and liveness probes arrive every few seconds from the AppHost and the gateway: not worth a trace each.</summary>
    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive");
}
