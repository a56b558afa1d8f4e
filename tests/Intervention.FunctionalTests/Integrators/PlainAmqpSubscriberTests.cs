using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

using static Intervention.FunctionalTests.Api;

namespace Intervention.FunctionalTests.Integrators;

/// <summary>
/// An integrator without MassTransit, as docs/integrators.md tells it: a plain RabbitMQ.Client consumer binds its own
/// queue to each event's exchange, reads the envelope, checks the event against docs/asyncapi.json's schema and finds the
/// trace context in the MT-Activity-Id header.
/// </summary>
public sealed class PlainAmqpSubscriberTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_plain_AMQP_consumer_receives_every_event_type_in_the_catalogue_valid_against_its_schema_with_its_trace()
    {
        using var catalogue = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BuildOutput.RepoRoot(), "docs", "asyncapi.json")));
        var exchanges = catalogue.RootElement.GetProperty("channels").EnumerateObject().Select(c => c.Name).ToList();

        // A system of its own, whose governance (with a review due today) starts only after the integrator's queue is bound,
        // so that even its first event reaches the queue; the gateway waits for it.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        await using var system = await AspireSystem.StartAsync(
            perResource: new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["governance"] = new Dictionary<string, string> { ["Reviews__Dates__0"] = today.ToString("yyyy-MM-dd"), ["Reviews__CheckEvery"] = "00:00:00.500" },
            },
            startLater: ["governance"]);
        // Step 1 of docs/integrators.md: the integrator's own queue, bound to each exchange (declared as MassTransit declares it).
        var factory = new ConnectionFactory { Uri = new Uri(await system.ConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync("integrator-test");
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("integrator-example", durable: true, exclusive: false, autoDelete: false)).QueueName;
        foreach (var exchange in exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        }
        var received = new ConcurrentQueue<(string Exchange, byte[] Body, IReadOnlyDictionary<string, object?>? Headers)>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            received.Enqueue((delivery.Exchange, delivery.Body.ToArray(), delivery.BasicProperties.Headers?.ToDictionary(h => h.Key, h => h.Value)));
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);

        // Governance starts after the binding, and the gateway once governance is healthy.
        await system.StartResourceAsync("governance");
        await system.WaitForHealthyAsync("gateway");
        var http = system.Gateway;

        // Every event of the two portfolios, caused through the gateway.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        await PostAsync(http, "governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"interventionEndsOn":"2019-03-31","assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""");
        await WaitUntilAsync(async () => (await http.GetStringAsync("licensing/api/authority")).Contains("Commissioners"), TimeSpan.FromSeconds(20), () => "licensing never got the Directions");
        var driver = await PostAsync(http, "licensing/api/drivers", """{"name":"Amqp Example","dateOfBirth":"1980-01-01","licenceType":"PrivateHire","appliedOn":"2016-01-04"}""");
        var hearing = await PostAsync(http, "licensing/api/hearings", $$"""{"driverId":"{{driver.GetProperty("id")}}","heldOn":"2016-06-15","grounds":"Example"}""");
        await PostAsync(http, $"licensing/api/hearings/{hearing.GetProperty("id")}/decision",
            """{"outcome":"Suspension","reasons":"Example","grounds":"Safeguarding","immediate":false,"noticeGivenOn":"2016-06-15"}""", traceId);
        var appeal = await PostAsync(http, $"licensing/api/hearings/{hearing.GetProperty("id")}/appeal", """{"lodgedOn":"2016-06-20"}""");
        await PostAsync(http, $"licensing/api/appeals/{appeal.GetProperty("id")}/outcome", """{"outcome":"Dismissed","decidedOn":"2016-08-01"}""", expected: HttpStatusCode.OK);
        // A decision by someone who did not hold the function is questioned, and cleared by Directions that say they did.
        await PostAsync(http, "governance/api/decisions", $$"""{"id":"{{Guid.NewGuid()}}","sourceService":"licensing","function":"licensing","decidedAt":"2016-12-20T10:00:00Z","authority":"Council","deciderName":"Licensing Board","summary":"Example","keyDecision":false,"callIn":false}""");
        await PostAsync(http, "governance/api/directions", """{"issuedOn":"2016-12-20","effectiveFrom":"2016-12-20T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":"Council","oversight":"Advice"}]}""");

        // Children: into care, a placement move, out of care, and the KPIs published. Finance: a placements budget that two
        // residential placements overspend, and a year whose forecast spending passes resources and reserves.
        await PutAsync(http, "finance/api/monitoring/directorates/children-and-young-peoples-services", """{"name":"Children and Young People's Services"}""");
        await PutAsync(http, "finance/api/monitoring/cost-centres/children-placements", """{"directorate":"children-and-young-peoples-services","name":"Placements"}""");
        await PutAsync(http, "finance/api/monitoring/2017-18/budgets/children-placements", """{"netBudget":100000}""");
        foreach (var localId in new[] { "AMQP-1", "AMQP-2" })
        {
            var child = await PostAsync(http, "children/api/children", $$"""{"localId":"{{localId}}","sex":"1","dateOfBirth":"2008-02-02","ethnicity":"WBRI"}""");
            await PostAsync(http, $"children/api/children/{child.GetProperty("id")}/episodes",
                """{"startedOn":"2017-10-08","reasonForNewEpisode":"S","legalStatus":"C2","categoryOfNeed":"N1","placementType":"K2","placementProvider":"PR4","weeklyCost":3500}""");
            if (localId != "AMQP-1") continue;
            await PostAsync(http, $"children/api/children/{child.GetProperty("id")}/episodes",
                """{"startedOn":"2017-11-01","reasonForNewEpisode":"P","legalStatus":"C2","categoryOfNeed":"N1","placementType":"U1","placementProvider":"PR1","weeklyCost":400}""");
            await PostAsync(http, $"children/api/children/{child.GetProperty("id")}/episodes/current/end", """{"endedOn":"2018-01-10","reasonEpisodeCeased":"E11"}""", expected: HttpStatusCode.OK);
        }
        await PostAsync(http, "children/api/kpis/publications?asAt=2018-03-31", "{}", expected: HttpStatusCode.Accepted);
        await PostAsync(http, "finance/api/mtfs", JsonSerializer.Serialize(Finance.MtfsThroughTheGatewayTests.SmallVersion("small") with { MakeCurrent = true }, Intervention.Contracts.ContractJson.Options), expected: HttpStatusCode.Created);
        await PutAsync(http, "finance/api/resilience/ledger/2015-16", """{"netRevenueExpenditure":1500000,"usableReserves":100000,"socialCareSpend":800000,"councilTaxIncome":1000000,"feesAndChargesIncome":50000,"totalServiceExpenditure":2000000,"source":"test ledger"}""");
        await PutAsync(http, "finance/api/monitoring/directorates/council", """{"name":"The council"}""");
        await PutAsync(http, "finance/api/monitoring/cost-centres/services", """{"directorate":"council","name":"All services"}""");
        await PutAsync(http, "finance/api/monitoring/2016-17/budgets/services", """{"netBudget":1500000}""");
        await PutAsync(http, "finance/api/monitoring/2016-17/forecasts/7/services", """{"actualsToDate":1000000,"forecastRemaining":700000,"managementAction":"Spending controls"}""");

        await WaitUntilAsync(() => exchanges.All(e => received.Any(r => r.Exchange == e)), TimeSpan.FromSeconds(45),
            () => "never received: " + string.Join(", ", exchanges.Where(e => received.All(r => r.Exchange != e))));

        var schemas = catalogue.RootElement.GetProperty("components").GetProperty("schemas");
        var problems = new List<string>();
        foreach (var (exchange, body, headers) in received)
        {
            using var envelope = JsonDocument.Parse(body);
            var type = exchange.Split(':')[1];
            Assert.Contains($"urn:message:{exchange}", envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
            var message = envelope.RootElement.GetProperty("message");
            problems.AddRange(SchemaCheck.Problems(message, schemas.GetProperty(type), schemas, type));
            Assert.Equal(envelope.RootElement.GetProperty("messageId").GetString(), message.GetProperty("eventId").GetString());
            var activity = headers?.GetValueOrDefault("MT-Activity-Id") is byte[] raw ? Encoding.UTF8.GetString(raw) : null;
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", activity ?? "(none)");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));

        // The decision made under our trace carries it to the integrator.
        var decision = received.First(r => r.Exchange.EndsWith(":LicensingDecisionMade", StringComparison.Ordinal));
        Assert.Contains(traceId, Encoding.UTF8.GetString((byte[])decision.Headers!["MT-Activity-Id"]!));
        output.WriteLine($"{received.Count} messages of {exchanges.Count} event types; e.g. headers: {string.Join(", ", decision.Headers!.Select(h => $"{h.Key}={(h.Value is byte[] b ? Encoding.UTF8.GetString(b) : h.Value)}"))}");
    }


}

/// <summary>Enough of JSON Schema to hold a message to the catalogue: required fields, types, enums, formats, nested objects and arrays.</summary>
internal static class SchemaCheck
{
    public static IEnumerable<string> Problems(JsonElement value, JsonElement schema, JsonElement all, string path)
    {
        if (schema.ValueKind == JsonValueKind.True) yield break;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            foreach (var p in Problems(value, all.GetProperty(reference.GetString()!.Split('/').Last()), all, path)) yield return p;
            yield break;
        }
        var types = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!] : [];
        var kind = value.ValueKind switch
        {
            JsonValueKind.String => "string", JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number", JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Object => "object", JsonValueKind.Array => "array", _ => "null",
        };
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
            yield return $"{path}: {kind}, expected {string.Join("|", types)}";
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
            yield return $"{path}: '{value}' is not one of the documented values";
        if (kind == "string" && schema.TryGetProperty("format", out var format))
        {
            var text = value.GetString()!;
            var ok = format.GetString() switch
            {
                "uuid" => Guid.TryParse(text, out _),
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", out _),
                "date-time" => DateTimeOffset.TryParse(text, out _) && (text.EndsWith('Z') || text[^6] is '+' or '-'),
                _ => true,
            };
            if (!ok) yield return $"{path}: '{text}' is not a {format.GetString()}";
        }
        if (kind == "object")
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                    yield return $"{path}.{name}: missing";
            if (schema.TryGetProperty("properties", out var properties))
                foreach (var property in value.EnumerateObject())
                    if (properties.TryGetProperty(property.Name, out var propertySchema))
                        foreach (var p in Problems(property.Value, propertySchema, all, $"{path}.{property.Name}")) yield return p;
                    else yield return $"{path}.{property.Name}: not in the catalogue";
        }
        if (kind == "array" && schema.TryGetProperty("items", out var items))
            foreach (var (item, i) in value.EnumerateArray().Select((item, i) => (item, i)))
                foreach (var p in Problems(item, items, all, $"{path}[{i}]")) yield return p;
    }
}
