using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Xml.Linq;
using Intervention.Contracts;
using Intervention.BrokerUsers;
using Intervention.Contracts.Governance;

namespace Intervention.EventCatalogue;

/// <summary>
/// The AsyncAPI 2.6 document of every event the system publishes, made from the contracts themselves: each event's
/// exchange (MassTransit names it <c>Namespace:Type</c>), the MassTransit envelope it travels in, its payload's JSON schema
/// (with the contract's XML docs as descriptions) and an example.
/// </summary>
public static class AsyncApiDocument
{
    /// <summary>Every event contract (<see cref="EventAudiences.Events"/>: found, not listed).</summary>
    public static IReadOnlyList<Type> Events() => EventAudiences.Events;

    /// <summary>The exchange MassTransit publishes an event type to (fanout, durable).</summary>
    public static string ExchangeOf(Type type) => EventAudiences.ExchangeOf(type);

    public static string Generate()
    {
        var docs = XmlDocs.Load();
        var channels = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { ["MassTransitEnvelope"] = Envelope() };
        foreach (var type in Events())
        {
            var portfolio = type.Namespace!.Split('.').Last().ToLowerInvariant();
            var exchange = ExchangeOf(type);
            var classified = EventAudiences.ClassificationOf(type);
            var users = AudienceUsers.All.Where(u => u.Exchanges.Contains(exchange)).Select(u => u.Name).ToList();
            channels[exchange] = new JsonObject
            {
                ["description"] = $"Published by {portfolio}. " + classified.Classification switch
                {
                    EventClassification.Internal => "Internal: our services only; no integrator may receive it, by webhook or AMQP.",
                    EventClassification.Restricted => $"Restricted to the audience(s) {string.Join(", ", classified.Audiences)}: a webhook subscription needs the token scope " +
                                                      $"{string.Join(" or ", classified.Audiences.Select(EventAudiences.ScopeOf))}; over AMQP, bind a queue named `<your user>.<name>` as {string.Join(" or ", users)}.",
                    _ => $"Public: any integrator. Bind a queue named `<your user>.<name>` to the fanout exchange `{exchange}` as {string.Join(" or ", users)}.",
                },
                ["x-classification"] = classified.Classification.ToString(),
                ["x-audiences"] = new JsonArray(classified.Audiences.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
                ["x-amqp-users"] = new JsonArray(users.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray()),
                ["subscribe"] = new JsonObject
                {
                    ["operationId"] = "receive" + type.Name,
                    ["summary"] = docs.Summary($"T:{type.FullName}"),
                    ["message"] = new JsonObject { ["$ref"] = $"#/components/messages/{type.Name}" },
                },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.2.0",
                    },
                },
            };
            schemas[type.Name] = Schema(type, docs);
            messages[type.Name] = new JsonObject
            {
                ["name"] = type.Name,
                ["title"] = type.FullName,
                ["summary"] = docs.Summary($"T:{type.FullName}"),
                ["contentType"] = "application/vnd.masstransit+json",
                ["headers"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["MT-Activity-Id"] = new JsonObject
                        {
                            ["type"] = "string",
                            ["description"] = "The W3C traceparent of the publish (00-<trace id>-<span id>-<flags>): the trace of the request that caused the event.",
                        },
                        ["Content-Type"] = new JsonObject { ["type"] = "string", ["const"] = "application/vnd.masstransit+json" },
                    },
                },
                ["payload"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = "#/components/schemas/MassTransitEnvelope" },
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("message"),
                            ["properties"] = new JsonObject
                            {
                                ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["contains"] = new JsonObject { ["const"] = $"urn:message:{exchange}" } },
                                ["message"] = new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" },
                            },
                        }),
                },
                ["examples"] = new JsonArray(new JsonObject { ["name"] = "example", ["payload"] = ExampleEnvelope(type) }),
            };
        }

        var document = new JsonObject
        {
            ["asyncapi"] = "2.6.0",
            ["id"] = "urn:intervention:events",
            ["info"] = new JsonObject
            {
                ["title"] = "Intervention platform events",
                ["version"] = "1.0.0",
                ["description"] = "Every event the portfolio services publish on RabbitMQ, generated from Intervention.Contracts (dotnet run --project docs/catalogue). " +
                                  "Each channel states who may receive it outside our services (x-classification, x-audiences, x-amqp-users): Internal events " +
                                  "(child-level: a pseudonymous child reference is still personal data) reach no integrator; Restricted ones (they name a licence, " +
                                  "which identifies a driver) only integrators whose token's scope names the audience (intervention.events.<audience>) or its RabbitMQ user; " +
                                  "Public ones any integrator, and they carry no child or driver reference. No event an integrator may receive carries the Stovewood flag. " +
                                  "See docs/integrators.md.",
            },
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject { ["url"] = "amqp://localhost:5672", ["protocol"] = "amqp", ["protocolVersion"] = "0.9.1", ["description"] = "The council's broker; ask ops for the address and your credentials." },
            },
            ["defaultContentType"] = "application/vnd.masstransit+json",
            ["channels"] = channels,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonNode Schema(Type type, XmlDocs docs)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                // Instants have a converter of our own (offset required), which the exporter cannot see into.
                var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
                if (type == typeof(DateTimeOffset))
                    node = new JsonObject { ["type"] = context.TypeInfo.Type == type ? "string" : new JsonArray("string", "null"), ["format"] = "date-time" };
                if (node is not JsonObject schema) return node;
                var member = context.PropertyInfo?.AttributeProvider as MemberInfo;
                var description = member is PropertyInfo p ? docs.Summary($"P:{p.DeclaringType!.FullName}.{p.Name}")
                    : context.PropertyInfo is null ? docs.Summary($"T:{context.TypeInfo.Type.FullName}") : null;
                if (description is not null) schema.Insert(0, "description", description);
                return schema;
            },
        };
        return SchemaOptions.GetJsonSchemaAsNode(type, exporter);
    }

    private static readonly JsonSerializerOptions SchemaOptions = Readonly(new JsonSerializerOptions(ContractJson.Options) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() });

    private static JsonSerializerOptions Readonly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    private static JsonObject Envelope() => new()
    {
        ["type"] = "object",
        ["description"] = "MassTransit's JSON envelope: the event is in `message`; `messageType` lists its URNs; `headers` mirrors the transport headers.",
        ["required"] = new JsonArray("messageId", "messageType", "message", "sentTime"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "The same as the event's eventId: consumers dedupe on it." },
            ["conversationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["sourceAddress"] = new JsonObject { ["type"] = "string" },
            ["destinationAddress"] = new JsonObject { ["type"] = "string" },
            ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            ["message"] = new JsonObject { ["type"] = "object" },
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object" },
            ["host"] = new JsonObject { ["type"] = "object" },
        },
    };

    private static JsonNode ExampleEnvelope(Type type)
    {
        var example = Example.Of(type);
        var eventId = ((IIntegrationEvent)example).EventId.ToString();
        return new JsonObject
        {
            ["messageId"] = eventId,
            ["conversationId"] = Example.GuidFor(type.Name + ".conversation").ToString(),
            ["sourceAddress"] = "rabbitmq://broker/publisher_bus",
            ["destinationAddress"] = $"rabbitmq://broker/{ExchangeOf(type)}",
            ["messageType"] = new JsonArray($"urn:message:{ExchangeOf(type)}"),
            ["message"] = JsonSerializer.SerializeToNode(example, type, ContractJson.Options),
            ["sentTime"] = "2016-06-15T10:00:01Z",
            ["headers"] = new JsonObject { ["MT-Activity-Id"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
        };
    }

    /// <summary>The repository's root: the folder holding Intervention.sln, from here upwards.</summary>
    public static string RepoRoot(string? from = null)
    {
        for (var dir = new DirectoryInfo(from ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Intervention.sln"))) return dir.FullName;
        throw new InvalidOperationException("Intervention.sln not found above " + (from ?? AppContext.BaseDirectory));
    }
}

/// <summary>The contracts' XML documentation (built beside the assembly), by member id.</summary>
internal sealed class XmlDocs(Dictionary<string, string> summaries)
{
    public static XmlDocs Load()
    {
        var path = Path.ChangeExtension(typeof(DirectionsIssued).Assembly.Location, ".xml");
        var summaries = File.Exists(path)
            ? XDocument.Load(path).Descendants("member")
                .Where(m => m.Element("summary") is not null)
                .ToDictionary(m => m.Attribute("name")!.Value, m => Clean(m.Element("summary")!))
            : throw new FileNotFoundException("The contracts' XML documentation is missing: it feeds the catalogue.", path);
        return new XmlDocs(summaries);
    }

    public string? Summary(string id) => summaries.GetValueOrDefault(id);

    private static string Clean(XElement summary) =>
        string.Join(" ", string.Concat(summary.Nodes().Select(n => n switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see => (see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "").Split('.', ':').Last(),
            XElement element => element.Value,
            _ => "",
        })).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A deterministic example of a contract: the same document every run.</summary>
internal static class Example
{
    public static Guid GuidFor(string seed) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed)));

    public static object Of(Type type) => Value(type, type.Name, depth: 0)!;

    private static object? Value(Type type, string seed, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return seed.Split('.').Last() switch
        {
            "ChildRef" => "c7Yb3Qm1sR0x9kLp2VzN4w",
            "LicenceReference" => "PH-000123",
            "Function" => "licensing",
            "SourceService" => "licensing",
            var name when name.EndsWith("Band", StringComparison.Ordinal) => "3500-3999",
            var name => $"example {name}",
        };
        if (underlying == typeof(Guid)) return GuidFor(seed);
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2016, 6, 15, 10, 0, 0, TimeSpan.Zero);
        if (underlying == typeof(DateOnly)) return new DateOnly(2016, 6, 15);
        if (underlying == typeof(bool)) return false;
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short)) return Convert.ChangeType(1, underlying);
        if (underlying == typeof(decimal)) return 1000.00m;
        if (underlying == typeof(double)) return 1.5;
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(0);
        if (underlying.IsGenericType && underlying.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying))
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Value(element, seed + ".item", depth + 1));
            return list;
        }
        if (depth > 5 || !underlying.IsClass) return null;
        var instance = RuntimeHelpers.GetUninitializedObject(underlying);
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            property.SetValue(instance, Value(property.PropertyType, $"{seed}.{property.Name}", depth + 1));
        return instance;
    }
}
