using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Intervention.ServiceDefaults.Http;

/// <summary>
/// The one error format: RFC 9457 problem details. Turns what the framework throws for a bad request
/// into a 400 that names the field and the rule (or 413, 415 ...), a database outage into 503, and
/// anything else into a 500 that says nothing of the internals. Never a 500 for what a caller sent.
/// </summary>
internal sealed partial class ProblemResponses(IProblemDetailsService problems, ILogger<ProblemResponses> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, problem) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, InvalidJson(json)),
            BadHttpRequestException { StatusCode: 413 } => (413, new ProblemDetails
            {
                Title = "Request body too large",
                Detail = "The request body is over this endpoint's limit (1 MB for JSON).",
            }),
            BadHttpRequestException { StatusCode: 400 } bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
                (400, new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["is required: send the JSON document"] })
                {
                    Title = "The request body is missing",
                }),
            BadHttpRequestException bad => (bad.StatusCode, new ProblemDetails { Title = "Bad request", Detail = bad.Message }),
            // EF wraps what Npgsql throws (DbUpdateException, InvalidOperationException): look through the chain.
            _ when IsDatabaseOutage(exception) => (503, new ProblemDetails
            {
                Title = "Service unavailable",
                Detail = "The service's database cannot be reached; nothing was changed. Try again shortly.",
            }),
            _ => (500, new ProblemDetails { Title = "Unexpected error", Detail = "The error was logged with this trace id." }),
        };
        if (status >= 500) logger.LogError(exception, "Request failed with {Status}", status);
        else logger.LogInformation("Request refused with {Status}: {Reason}", status, exception.Message);

        problem.Status = status;
        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The database cannot be reached or is going away: a transient Npgsql error, a connection exception (SQLSTATE class 08)
    /// or an operator intervention such as a shutdown (57P01-57P03), a socket error or a timeout, anywhere in the chain.
    /// </summary>
    private static bool IsDatabaseOutage(Exception e) =>
        e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: ['0', '8', ..] or ['5', '7', 'P', ..] } or SocketException or TimeoutException
        || e.InnerException is not null && IsDatabaseOutage(e.InnerException);

    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[)?(?<type>[\w.+]+)")]
    private static partial Regex TargetType();

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?$")]
    private static partial Regex MissingProperties();

    /// <summary>A 400 naming the JSON field that could not be read, and what it must be.</summary>
    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        var field = FieldName(json.Path);
        var rule = "is not valid JSON here";
        if (MissingProperties().Match(json.Message) is { Success: true } missing)
        {
            rule = $"is missing required properties: {missing.Groups["names"].Value.Replace("'", "")}";
        }
        else if (TargetType().Match(json.Message) is { Success: true } match)
        {
            var typeName = match.Groups["type"].Value.TrimEnd('.');
            var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, false)).FirstOrDefault(t => t is not null);
            rule = type switch
            {
                { IsEnum: true } => $"must be one of: {string.Join(", ", Enum.GetNames(type))}",
                _ when type == typeof(DateOnly) => "must be a date, yyyy-MM-dd",
                _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => Instants.Rule,
                _ when type == typeof(Guid) => "must be a GUID",
                _ when type is not null && (type.IsPrimitive || type == typeof(decimal)) => $"must be a {type.Name.ToLowerInvariant()} value",
                _ => $"has the wrong type (expected {type?.Name ?? typeName})",
            };
        }
        else if (json.Path is null or "$")
        {
            rule = "the body is not well-formed JSON";
        }
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [rule] })
        {
            Title = "The request body could not be read",
            Detail = $"'{field}' {rule}.",
        };
    }

    /// <summary><c>$.assignments[0].authority</c> becomes <c>assignments[0].authority</c>; the whole body is <c>body</c>.</summary>
    internal static string FieldName(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
