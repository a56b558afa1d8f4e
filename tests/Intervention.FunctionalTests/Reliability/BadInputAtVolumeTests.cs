using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests.Reliability;

/// <summary>
/// A generated corpus of malformed requests, at least 1,000 per portfolio and every generated case at least once, through
/// the gateway and under its rate limit: wrong types, not JSON, arrays for objects, impossible and malformed dates, huge
/// strings, injection strings and unknown codes in typed fields, bad query values; and the classes issue 15 found ending
/// in a 500: a NUL character in every string field and query value, a null item in every list, dates before 1900 and
/// after 2100 in every date field and parameter, every list one item past its maximum. Every answer is a 4xx problem;
/// none is a 5xx. On the shared system: nothing in the corpus is valid, so it leaves no data behind.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class BadInputAtVolumeTests(SharedSystem shared, ITestOutputHelper output)
{
    private const int PerPortfolio = 1000;
    private static readonly string[] Portfolios = ["governance", "licensing", "children", "finance"];
    private static readonly string[] Injections = ["'; DROP TABLE drivers; --", "<script>alert(1)</script>", "{{7*7}}", "../../../etc/passwd", "\u0000\u0001", "%00", "${jndi:ldap://x/a}", "1 OR 1=1"];
    private static readonly string Huge = new('x', 300_000);

    [Fact]
    public async Task A_thousand_malformed_requests_per_portfolio_are_each_answered_with_a_4xx_problem_and_never_a_5xx()
    {
        var system = shared.System;
        var failures = new List<string>();
        var summary = new List<string>();
        foreach (var portfolio in Portfolios)
        {
            using var service = system.Service(portfolio);
            using var document = JsonDocument.Parse(await service.GetStringAsync("openapi/v1.json"));
            var corpus = Corpus(document.RootElement).ToList();
            Assert.True(corpus.Count >= PerPortfolio, $"{portfolio}: only {corpus.Count} malformed requests could be generated");
            foreach (var kind in NewClasses)
                Assert.True(corpus.Any(c => c.Kind.EndsWith(kind, StringComparison.Ordinal)), $"{portfolio}: the corpus has no '{kind}' case");
            var statuses = new Dictionary<int, int>();
            foreach (var (method, path, body, kind) in corpus)
            {
                using var request = new HttpRequestMessage(method, $"{portfolio}{path}");
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await system.Gateway.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is < 400 or > 499 || status == 429 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{portfolio} {method} {path} ({kind}): {status} {response.Content.Headers.ContentType?.MediaType} {Truncate(await response.Content.ReadAsStringAsync())} <- {Truncate(body)}");
            }
            summary.Add($"{portfolio} {corpus.Count} ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))})");
        }
        var line = "bad input at volume through the gateway: " + string.Join("; ", summary);
        output.WriteLine(line);
        Measurements.Record(line);
        Assert.True(failures.Count == 0, $"{failures.Count} answers were not a 4xx problem:\n" + string.Join('\n', failures.Take(30)));
        // Nothing broke: every service still answers its health check.
        foreach (var portfolio in Portfolios) Assert.True(await system.HealthyAsync(portfolio), $"{portfolio} unhealthy after the corpus\n{system.Logs(portfolio)}");
    }

    /// <summary>Malformed requests for every operation, cycling through the kinds until enough are made.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, string? Body, string Kind)> Corpus(JsonElement openApi)
    {
        var schemas = openApi.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var cases = new List<(HttpMethod, string, string?, string)>();
        var random = new Random(9);
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            if (operation.Value.TryGetProperty("x-access", out var access) && access.GetString() == "anonymous") continue;
            var method = new HttpMethod(operation.Name.ToUpperInvariant());
            string Path() => System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{(?<n>[^}:]+)[^}]*\}", m => m.Groups["n"].Value switch
            {
                "year" => "2017-18", "quarter" => "Q2", "function" => "licensing", "month" => "6", "factor" => "1", _ => Guid.NewGuid().ToString(),
            });
            if (operation.Value.TryGetProperty("parameters", out var parameters))
                foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                {
                    var name = parameter.GetProperty("name").GetString()!;
                    if (!IsTyped(Resolve(parameter.GetProperty("schema"), schemas), out _) && !name.Contains("at", StringComparison.OrdinalIgnoreCase) && name is not ("from" or "to" or "year" or "status" or "kind")) continue;
                    foreach (var bad in new[] { "2017-02-30", "31/12/2017", "yesterday" }.Concat(Injections))
                        cases.Add((method, $"{Path()}?{name}={Uri.EscapeDataString(bad)}", null, $"query {name}"));
                    foreach (var (bad, kind) in ExtremeDates)
                        cases.Add((method, $"{Path()}?{name}={Uri.EscapeDataString(bad)}", null, $"query {name}: {kind}"));
                }
            // Every query parameter, typed or not, with a NUL character (PostgreSQL refuses it in text).
            if (operation.Value.TryGetProperty("parameters", out var all))
                foreach (var parameter in all.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                {
                    var name = parameter.GetProperty("name").GetString()!;
                    cases.Add((method, $"{Path()}?{name}=a%00b", null, $"query {name}: {Nul}"));
                }
            if (method == HttpMethod.Get || !operation.Value.TryGetProperty("requestBody", out var requestBody)) continue;
            cases.Add((method, Path(), "{not json", "not JSON"));
            cases.Add((method, Path(), "[1,2,3]", "array for object"));
            cases.Add((method, Path(), "\"" + Huge + "\"", "huge string for object"));
            if (!requestBody.GetProperty("content").TryGetProperty("application/json", out var json)) continue;
            var schema = Resolve(json.GetProperty("schema"), schemas);
            if (IsArray(schema, out var maxItems))
            {
                // A body that is itself a list (casework loads): a null record, one record too many, NUL and extreme dates in a record.
                cases.Add((method, Path(), "[null]", $"body: {NullItem}"));
                cases.Add((method, Path(), "[" + string.Join(",", Enumerable.Repeat("{}", maxItems + 1)) + "]", $"body: {TooMany}"));
                schema = Resolve(schema.GetProperty("items"), schemas);
                foreach (var (body, kind) in NewClassValues(schema, schemas))
                    cases.Add((method, Path(), new JsonArray(body).ToJsonString(), $"[0].{kind}"));
            }
            if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)) continue;
            foreach (var property in properties.EnumerateObject())
            {
                var propertySchema = Resolve(property.Value, schemas);
                if (!IsTyped(propertySchema, out var type)) continue;
                foreach (var (bad, kind) in BadValuesFor(type, random))
                    cases.Add((method, Path(), new JsonObject { [property.Name] = bad }.ToJsonString(), $"{property.Name}: {kind}"));
            }
            foreach (var (body, kind) in NewClassValues(schema, schemas)) cases.Add((method, Path(), body.ToJsonString(), kind));
        }
        if (cases.Count == 0) yield break;
        for (var i = 0; i < Math.Max(PerPortfolio, cases.Count); i++) yield return cases[i % cases.Count] is var c ? (c.Item1, c.Item2, c.Item3, c.Item4) : default;
    }

    private const string Nul = "NUL character", NullItem = "null item", ExtremeDate = "extreme date", TooMany = "one item past the maximum";
    private static readonly string[] NewClasses = [Nul, NullItem, ExtremeDate, TooMany];
    private static readonly (string Value, string Kind)[] ExtremeDates = [("0001-01-01", ExtremeDate), ("9999-12-31", ExtremeDate), ("1899-12-31", ExtremeDate), ("2101-01-01", ExtremeDate)];

    /// <summary>
    /// Bodies with one of issue 15's classes in one field of <paramref name="schema"/> (and of the items of its lists of
    /// objects): a NUL in a string, a null item and one item too many in a list, a date before 1900 or after 2100.
    /// </summary>
    private static IEnumerable<(JsonObject Body, string Kind)> NewClassValues(JsonElement schema, JsonElement schemas, int depth = 0)
    {
        if (depth > 1 || schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)) yield break;
        foreach (var property in properties.EnumerateObject())
        {
            var propertySchema = Resolve(property.Value, schemas);
            var format = propertySchema.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (format is "date" or "date-time")
                foreach (var (value, kind) in ExtremeDates)
                    yield return (new JsonObject { [property.Name] = format == "date" ? value : value + "T00:00:00Z" }, $"{property.Name}: {kind}");
            else if (IsString(propertySchema))
                yield return (new JsonObject { [property.Name] = "a\u0000b" }, $"{property.Name}: {Nul}");
            else if (IsArray(propertySchema, out var maxItems))
            {
                var items = Resolve(propertySchema.GetProperty("items"), schemas);
                JsonNode? Item() => IsString(items) ? "x" : new JsonObject();
                yield return (new JsonObject { [property.Name] = new JsonArray(Item(), null) }, $"{property.Name}: {NullItem}");
                yield return (new JsonObject { [property.Name] = new JsonArray(Enumerable.Range(0, maxItems + 1).Select(_ => Item()).ToArray()) }, $"{property.Name}: {TooMany}");
                foreach (var (item, kind) in NewClassValues(items, schemas, depth + 1))
                    yield return (new JsonObject { [property.Name] = new JsonArray(item) }, $"{property.Name}[0].{kind}");
            }
        }
    }

    private static bool IsString(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("format", out _) && schema.TryGetProperty("type", out var t)
        && (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Any(x => x.GetString() == "string") : t.GetString() == "string");

    /// <summary>Whether the schema is a list, and the most items it may hold: its <c>maxItems</c>, else the services' default.</summary>
    private static bool IsArray(JsonElement schema, out int maxItems)
    {
        maxItems = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("maxItems", out var max) ? max.GetInt32() : 10_000;
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && schema.TryGetProperty("items", out _)
               && (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Any(x => x.GetString() == "array") : t.GetString() == "array");
    }

    /// <summary>Values that can never bind to a field of this type.</summary>
    private static IEnumerable<(JsonNode? Value, string Kind)> BadValuesFor(string type, Random random)
    {
        switch (type)
        {
            case "date" or "date-time" or "uuid":
                yield return ("2017-02-30", "impossible date");
                yield return ("31/12/2017", "dd/mm/yyyy");
                yield return (12345, "number");
                yield return (Huge, "huge string");
                foreach (var injection in Injections) yield return (injection, "injection");
                break;
            case "enum":
                yield return ("NOT_A_CODE", "unknown code");
                yield return (7, "number for code");
                yield return (Huge, "huge string");
                foreach (var injection in Injections) yield return (injection, "injection");
                break;
            case "integer" or "number":
                yield return ("abc", "text for number");
                yield return ("1e999999", "overflow");
                yield return (new JsonArray(1), "array for number");
                foreach (var injection in Injections) yield return (injection, "injection");
                break;
            case "boolean":
                yield return ("maybe", "text for boolean");
                yield return (random.Next(2, 99), "number for boolean");
                break;
            case "array":
                yield return ("not a list", "text for list");
                yield return (new JsonObject(), "object for list");
                break;
        }
    }

    private static bool IsTyped(JsonElement schema, out string type)
    {
        type = "";
        if (schema.ValueKind != JsonValueKind.Object) return false;
        if (schema.TryGetProperty("enum", out _)) { type = "enum"; return true; }
        if (schema.TryGetProperty("format", out var format) && format.GetString() is "date" or "date-time" or "uuid") { type = format.GetString()!; return true; }
        var types = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).ToList() : [t.GetString()] : [];
        type = types.FirstOrDefault(x => x is "integer" or "number" or "boolean" or "array") ?? "";
        return type != "";
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        for (var depth = 0; depth < 5 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); depth++)
            schema = schemas.GetProperty(reference.GetString()!.Split('/').Last());
        return schema;
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length > 200 ? text[..200] + "…" : text;
}
