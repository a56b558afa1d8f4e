using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Intervention.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry built with the SDK alone (OpenTelemetry.Extensions.Hosting is not in this registry):
/// a tracer and a meter provider owned by a hosted service that flushes them on stop, logs through the
/// OpenTelemetry logger provider. Exports OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, as
/// an Aspire AppHost would set it; the exporter reads the standard OTEL_* variables itself.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Activity sources every service listens to: ASP.NET Core, HttpClient, MassTransit and ours.</summary>
    public static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Intervention.*"];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var name = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : serviceName;
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var resource = ResourceBuilder.CreateDefault().AddService(name);

        // JSON console logs, each with the trace and span it was written in.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (exportOtlp)
        {
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(resource);
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
                o.AddOtlpExporter();
            });
        }

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources);
            if (exportOtlp) tracing.AddOtlpExporter();
            return tracing.Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "MassTransit", "Intervention.*");
            if (exportOtlp) metrics.AddOtlpExporter();
            return metrics.Build();
        });
        builder.Services.AddHostedService<TelemetryLifetime>();
        return builder;
    }

    /// <summary>
    /// ASP.NET Core 10's server span carries neither route nor status code unless asked: add both,
    /// and name the span after the route template, as OpenTelemetry's semantic conventions do.
    /// </summary>
    public static IApplicationBuilder UseRouteAndStatusOnSpans(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
                {
                    if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
                    {
                        activity.SetTag("http.route", route);
                        activity.DisplayName = $"{context.Request.Method} {route}";
                    }
                    activity.SetTag("http.request.method", context.Request.Method);
                    activity.SetTag("http.response.status_code", context.Response.StatusCode);
                    if (context.Response.StatusCode >= 500) activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        });
}

/// <summary>Starts the providers with the host and flushes what they hold when it stops.</summary>
internal sealed class TelemetryLifetime(TracerProvider tracing, MeterProvider metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracing.ForceFlush(2000);
        metrics.ForceFlush(2000);
        return Task.CompletedTask;
    }
}
