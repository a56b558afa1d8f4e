using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Intervention.ServiceDefaults.Http;

/// <summary>
/// Refuses, for every service at once and before any endpoint runs, the input classes no endpoint can store or should
/// spend time on: a NUL character in a query or body value (PostgreSQL refuses it in text), a <c>null</c> item in
/// a list (no list in any contract holds one), and a list longer than its domain maximum (<see cref="MaxLengthAttribute"/>
/// on the contract's property, else <see cref="DefaultMaxItems"/>). Each is a 400 naming the field and the rule.
/// Runs after authorisation, so that a caller without the right token never has its body read.
/// </summary>
internal sealed class InputScreening(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Route values need no screening: Kestrel refuses a NUL (%00) in the path itself.
        var errors = ScreenValues(context.Request.Query.SelectMany(q => q.Value.Select(v => (q.Key, v))));
        if (errors.Count == 0 && IsJson(context.Request) && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type })
        {
            // The body is at most the JSON limit (Kestrel refuses more with a 413): read it once, screen it, hand it on.
            var body = new MemoryStream();
            context.Response.RegisterForDispose(body);
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            body.Position = 0;
            context.Request.Body = body;
            errors = BodyScreening.Screen(body.GetBuffer().AsSpan(0, (int)body.Length), CollectionLimits.Of(type));
        }
        if (errors.Count == 0)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = 400, Title = "The request cannot be accepted",
                Detail = string.Join(" ", errors.Select(e => $"'{e.Key}' {e.Value[0]}.")),
            },
        });
    }

    /// <summary>Query values (and their names) with a NUL character, each under the parameter's name.</summary>
    internal static Dictionary<string, string[]> ScreenValues(IEnumerable<(string Name, string? Value)> values)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in values)
            if (name.Contains('\0') || value?.Contains('\0') == true) errors[name.Replace("\0", "\\u0000")] = [BodyScreening.NulRule];
        return errors;
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type
            && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Lists in request bodies hold at most this many items unless their contract says otherwise.</summary>
    public const int DefaultMaxItems = 1000;

    /// <summary>A body that is itself a list (a bulk load of casework) holds at most this many records: under the 1 MB limit anyway.</summary>
    public const int DefaultMaxRecords = 10_000;
}

/// <summary>The pure check behind <see cref="InputScreening"/>: one pass over the JSON, linear in its size.</summary>
internal static class BodyScreening
{
    public const string NulRule = "must not contain the NUL character (\\u0000)";

    /// <summary>
    /// The fields of <paramref name="json"/> that break a rule, named as the binder names them (<c>members[0].name</c>,
    /// <c>[3].child</c>). A body that is not well-formed JSON is left to the binder, which names where it breaks.
    /// </summary>
    public static Dictionary<string, string[]> Screen(ReadOnlySpan<byte> json, CollectionLimits limits)
    {
        var errors = new Dictionary<string, string[]>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var frames = new Stack<Frame>();
        try
        {
            while (reader.Read() && errors.Count < 20)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        frames.Peek().Property = name;
                        if (name.Contains('\0')) errors[Join(frames.Peek().Path, name.Replace("\0", "\\u0000"))] = [NulRule];
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var (path, shape) = NextValue(frames, errors, limits);
                        frames.Push(new Frame(path, shape, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.Null:
                        var (nullPath, _) = NextValue(frames, errors, limits);
                        if (frames.TryPeek(out var list) && list.IsArray) errors[nullPath] = ["must be an item, not null"];
                        break;
                    case JsonTokenType.String:
                        var (stringPath, _) = NextValue(frames, errors, limits);
                        if (reader.ValueIsEscaped && reader.GetString()!.Contains('\0')) errors[stringPath] = [NulRule];
                        break;
                    default:
                        NextValue(frames, errors, limits);
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return []; // not well-formed (or an escape that is no text): the binder names where
        }
        return errors;
    }

    /// <summary>Where the value about to be read sits: its field name, and its shape (the path without indices).</summary>
    private static (string Path, string Shape) NextValue(Stack<Frame> frames, Dictionary<string, string[]> errors, CollectionLimits limits)
    {
        if (!frames.TryPeek(out var parent)) return ("body", "");
        if (!parent.IsArray) return (Join(parent.Path, parent.Property!), Join(parent.Shape, parent.Property!));
        var index = parent.Count++;
        var max = limits.MaxItems(parent.Shape);
        if (index == max) errors[parent.Path == "body" ? "body" : parent.Path] = [$"must have at most {max} items"];
        return ($"{(parent.Path == "body" ? "" : parent.Path)}[{index}]", parent.Shape + "[]");
    }

    private static string Join(string path, string name) => path is "body" or "" ? name : $"{path}.{name}";

    private sealed class Frame(string path, string shape, bool isArray)
    {
        public string Path { get; } = path;
        public string Shape { get; } = shape;
        public bool IsArray { get; } = isArray;
        public string? Property { get; set; }
        public int Count { get; set; }
    }
}

/// <summary>
/// The most items each list of a request type may hold, by its place in the JSON (<c>members</c>, <c>items[].tags</c>,
/// <c>""</c> for a body that is a list): <see cref="MaxLengthAttribute"/> on the property or record parameter, or the default.
/// </summary>
internal sealed class CollectionLimits
{
    private static readonly ConcurrentDictionary<Type, CollectionLimits> Cache = new();
    private readonly Dictionary<string, int> _declared = new(StringComparer.OrdinalIgnoreCase);

    public static CollectionLimits Of(Type type) => Cache.GetOrAdd(type, t =>
    {
        var limits = new CollectionLimits();
        limits.Walk(t, "", null, depth: 0);
        return limits;
    });

    public int MaxItems(string shape) =>
        _declared.TryGetValue(shape, out var max) ? max : shape == "" ? InputScreening.DefaultMaxRecords : InputScreening.DefaultMaxItems;

    private void Walk(Type type, string shape, int? declared, int depth)
    {
        if (depth > 6) return;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ElementOf(type) is { } element)
        {
            if (declared is { } max) _declared[shape] = max;
            Walk(element, shape + "[]", null, depth + 1);
            return;
        }
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) return;
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).Where(p => p.Name is not null)
            .GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var max = property.GetCustomAttribute<MaxLengthAttribute>()?.Length
                      ?? (parameters.TryGetValue(property.Name, out var parameter) ? parameter.GetCustomAttribute<MaxLengthAttribute>()?.Length : null);
            Walk(property.PropertyType, shape == "" ? name : $"{shape}.{name}", max, depth + 1);
        }
    }

    /// <summary>The item type of a list (an array, a <c>List</c>, an <c>IReadOnlyList</c> ...); null for anything else, a dictionary or a string.</summary>
    internal static Type? ElementOf(Type type)
    {
        if (type == typeof(string) || typeof(IDictionary).IsAssignableFrom(type)) return null;
        if (type.IsArray) return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is null) return null;
        var element = enumerable.GetGenericArguments()[0];
        return element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? null : element;
    }
}
