using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Intervention.ServiceDefaults.Data;
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
            BadHttpRequestException { InnerException: JsonException json } =>
                // The handler runs with the endpoint cleared: the feature keeps the one that failed, and its body's type.
                (400, InvalidJson(json, context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)),
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
            BadHttpRequestException { StatusCode: 400 } bad when InvalidParameter(bad.Message,
                    context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<MethodInfo>()) is { } parameter => (400, parameter),
            BadHttpRequestException bad => (bad.StatusCode, new ProblemDetails { Title = "Bad request", Detail = bad.Message }),
            // EF wraps what Npgsql throws (DbUpdateException, InvalidOperationException): look through the chain.
            _ when DatabaseOutage.Is(exception) => (503, new ProblemDetails
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

    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[(?<type>[^\]]+)\]|(?<type>.+?))\. Path: ")]
    private static partial Regex TargetType();

    /// <summary>The binder's words for a query, route or header value it could not bind: they name the parameter's .NET type.</summary>
    [GeneratedRegex(@"^(?:Failed to bind parameter ""[^""]*?(?<name>\w+)"" from|(?<missing>Required parameter) ""[^""]*?(?<name>\w+)"" was not provided)")]
    private static partial Regex BindingFailure();

    /// <summary>
    /// A 400 naming a parameter the binder could not bind and what it must be, found from the endpoint's own signature;
    /// null when <paramref name="message"/> is not about a parameter.
    /// </summary>
    internal static HttpValidationProblemDetails? InvalidParameter(string message, MethodInfo? handler)
    {
        if (BindingFailure().Match(message) is not { Success: true } binding) return null;
        var name = binding.Groups["name"].Value;
        var type = handler?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
        var rule = binding.Groups["missing"].Success ? "is required" : ExpectedShape(type);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [rule] })
        {
            Title = "A parameter could not be read",
            Detail = $"'{name}' {rule}.",
        };
    }

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?$")]
    private static partial Regex MissingProperties();

    /// <summary>A 400 naming the JSON field that could not be read, and what it must be.</summary>
    internal static HttpValidationProblemDetails InvalidJson(JsonException json, Type? requestType)
    {
        var field = FieldName(json.Path);
        var rule = "is not valid JSON here";
        if (MissingProperties().Match(json.Message) is { Success: true } missing)
        {
            rule = $"is missing required properties: {missing.Groups["names"].Value.Replace("'", "")}";
        }
        else if (TargetType().Match(json.Message) is { Success: true } match)
        {
            rule = ExpectedShape(TypeAt(requestType, json.Path) ?? NamedType(match.Groups["type"].Value));
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

    /// <summary>
    /// What a field must be, in JSON's words and never a .NET type's name: a list is "an array", a record "an object",
    /// a date says its format and range, an enum lists its values.
    /// </summary>
    internal static string ExpectedShape(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "has the wrong type",
            { IsEnum: true } => $"must be one of: {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(DateOnly) => Dates.Rule,
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => Instants.Rule,
            _ when type == typeof(Guid) => "must be a GUID",
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "must be a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "must be a number",
            _ when typeof(System.Collections.IDictionary).IsAssignableFrom(type) || type.Name.StartsWith("IReadOnlyDictionary`",
                StringComparison.Ordinal) => "must be an object of names and values",
            _ when CollectionLimits.ElementOf(type) is not null => "must be an array",
            _ => "must be an object",
        };
    }

    /// <summary>
    /// The declared type at <paramref name="path"/> (<c>$.members[0].name</c>) inside <paramref name="root"/>: the serializer's
    /// message names the enclosing record instead when it binds through a constructor.
    /// </summary>
    internal static Type? TypeAt(Type? root, string? path)
    {
        if (root is null || path is null) return null;
        var type = root;
        foreach (Match step in PathSteps().Matches(path))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (step.Groups["index"].Success)
            {
                if (CollectionLimits.ElementOf(type) is not { } element) return null;
                type = element;
            }
            else
            {
                var name = step.Groups["name"].Value;
                var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name, name, StringComparison.Ordinal));
                if (property is null) return null;
                type = property.PropertyType;
            }
        }
        return type;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<name>[^']+)'\]")]
    private static partial Regex PathSteps();

    private static Type? NamedType(string name) =>
        name.Contains('`') || name.EndsWith("[]", StringComparison.Ordinal) ? null
            : AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, false)).FirstOrDefault(t => t is not null);

    /// <summary><c>$.assignments[0].authority</c> becomes <c>assignments[0].authority</c>; the whole body is <c>body</c>.</summary>
    internal static string FieldName(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
