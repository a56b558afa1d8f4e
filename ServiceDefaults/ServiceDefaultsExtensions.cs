using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults.Http;
using Intervention.ServiceDefaults.Idempotency;
using Intervention.ServiceDefaults.Security;
using Intervention.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Intervention.ServiceDefaults;

/// <summary>
/// What every service has, in one call each way, as in .NET Aspire's ServiceDefaults: telemetry,
/// service discovery and resilience on its HTTP clients, health, the one error format, JSON conventions,
/// request limits, authentication and OpenAPI.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Largest JSON body a service accepts; endpoints that stream uploads raise their own limit.</summary>
    public const long JsonBodyLimit = 1024 * 1024;

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var identity = new ServiceIdentity(serviceName, Enum.TryParse<Portfolio>(serviceName, ignoreCase: true, out var portfolio) ? portfolio : null);
        builder.Properties[typeof(ServiceIdentity)] = identity;
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddTelemetry(serviceName);
        builder.Services.AddOwnServiceClients();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemResponses>();
        // Throwing on a bad request lets ProblemResponses name the JSON field that failed to bind.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            ContractJson.Apply(o.SerializerOptions);
            // Before the contract's own converters: requests' dates must also fall within Dates' range.
            o.SerializerOptions.Converters.Insert(0, new RequestDateConverter());
            o.SerializerOptions.Converters.Insert(0, new RequestInstantConverter());
        });
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = JsonBodyLimit);

        builder.AddServiceSecurity(identity);
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi(o =>
        {
            SecurityExtensions.AddAccessToOpenApi(o, identity);
            IdempotencyKeysExtensions.DescribeInOpenApi(o);
            // The framework names the address the document was fetched from: a service's internal one. Callers reach a
            // portfolio through the gateway's path; the gateway's own document names no server.
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers = identity.Name == "gateway" ? [] : [new Microsoft.OpenApi.OpenApiServer { Url = "/" + identity.Name }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>
    /// The middleware and endpoints every service has: problem details for errors and empty error
    /// responses, JWT bearer authentication and authorisation, the screening of input no endpoint can store (<see cref="InputScreening"/>),
    /// the <c>Idempotency-Key</c> header on every POST (where the service has a database to keep keys in),
    /// <c>/health</c> (database and broker reachable) and <c>/alive</c> (process up), both anonymous (the details for ops alone),
    /// and the OpenAPI document at <c>/openapi/v1.json</c> (anonymous: it describes, it holds no data).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // Screened first: input no endpoint can store is refused before a key is kept for it.
        app.UseMiddleware<InputScreening>();
        app.UseIdempotencyKeys();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/alive",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains("live"), ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The status for anyone (probes and load balancers need no more); each check and why it failed only for the ops role: a
    /// failure's description names internal addresses and what refused them.
    /// </summary>
    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        object answer = context.User.IsInRole(Security.Roles.Ops)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        return JsonSerializer.SerializeAsync(context.Response.Body, answer, ContractJson.Options);
    }
}
