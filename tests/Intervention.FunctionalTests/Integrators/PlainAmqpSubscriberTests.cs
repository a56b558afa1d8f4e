using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

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
        // so that even its first event reaches the queue.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        await using var system = await AspireSystem.StartAsync(portal: false, telemetry: false,
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

        // Governance starts after the binding (and is healthy when StartResourceAsync returns).
        await system.StartResourceAsync("governance");
        await system.WaitForHealthyAsync("gateway");
        var (governance, licensing, children, finance) = (system.Api<IGovernanceApi>(), system.Api<ILicensingApi>(), system.Api<IChildrenApi>(), system.Api<IFinanceApi>());

        // Every event of the two portfolios, caused through the gateway.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        await governance.IssueDirectionsAsync(RotherhamDirections.February2015());
        await WaitUntilAsync(async () => (await licensing.ListAuthorityAsync()).Any(a => a.Authority == Authority.Commissioners), TimeSpan.FromSeconds(20), () => "licensing never got the Directions");
        var driver = await licensing.CreateDriverAsync(new NewDriver("Amqp Example", new DateOnly(1980, 1, 1), LicenceType.PrivateHire, AppliedOn: new DateOnly(2016, 1, 4)));
        var hearing = await licensing.ScheduleHearingAsync(new ScheduleHearing(driver.Id, new DateOnly(2016, 6, 15), "Example"));
        await system.ApiInTrace<ILicensingApi>(traceId).DecideHearingAsync(hearing.Id,
            new DecideHearing(HearingOutcome.Suspension, "Example", DecisionGrounds.Safeguarding, Immediate: false, NoticeGivenOn: new DateOnly(2016, 6, 15)));
        var appeal = await licensing.LodgeAppealAsync(hearing.Id, new LodgeAppeal(new DateOnly(2016, 6, 20)));
        await licensing.DetermineAppealAsync(appeal.Id, new DetermineAppeal(AppealOutcome.Dismissed, new DateOnly(2016, 8, 1)));
        // A decision by someone who did not hold the function is questioned, and cleared by Directions that say they did.
        using (var reported = await governance.RecordDecisionAsync(new RecordDecisionRequest
               {
                   Id = Guid.NewGuid(), SourceService = "licensing", Function = "licensing", DecidedAt = DateTimeOffset.Parse("2016-12-20T10:00:00Z"),
                   Authority = Authority.Council, DeciderName = "Licensing Board", Summary = "Example", KeyDecision = false, CallIn = false,
               }))
            Answered.With(reported, HttpStatusCode.Created, "the decision");
        await governance.IssueDirectionsAsync(new IssueDirectionsRequest
        {
            IssuedOn = new DateOnly(2016, 12, 20), EffectiveFrom = DateTimeOffset.Parse("2016-12-20T00:00:00Z"), IssuedBy = ["DCLG"],
            Assignments = [new() { Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice }],
        });

        // Children: into care, a placement move, out of care, and the KPIs published. Finance: a placements budget that two
        // residential placements overspend, and a year whose forecast spending passes resources and reserves.
        await finance.PutDirectorateAsync("children-and-young-peoples-services", new DirectorateRequest { Name = "Children and Young People's Services" });
        await finance.PutCostCentreAsync("children-placements", new CostCentreRequest { Directorate = "children-and-young-peoples-services", Name = "Placements" });
        await finance.PutBudgetAsync("2017-18", "children-placements", new BudgetRequest { NetBudget = 100_000m });
        foreach (var localId in new[] { "AMQP-1", "AMQP-2" })
        {
            var child = await children.RecordChildAsync(new RecordChildRequest { LocalId = localId, Sex = "1", DateOfBirth = new DateOnly(2008, 2, 2), Ethnicity = "WBRI" });
            await children.RecordEpisodeAsync(child.Id, new RecordEpisodeRequest
            {
                StartedOn = new DateOnly(2017, 10, 8), ReasonForNewEpisode = "S", LegalStatus = "C2", CategoryOfNeed = "N1", PlacementType = "K2", PlacementProvider = "PR4", WeeklyCost = 3500m,
            });
            if (localId != "AMQP-1") continue;
            await children.RecordEpisodeAsync(child.Id, new RecordEpisodeRequest
            {
                StartedOn = new DateOnly(2017, 11, 1), ReasonForNewEpisode = "P", LegalStatus = "C2", CategoryOfNeed = "N1", PlacementType = "U1", PlacementProvider = "PR1", WeeklyCost = 400m,
            });
            await children.EndCareAsync(child.Id, new EndCareRequest { EndedOn = new DateOnly(2018, 1, 10), ReasonEpisodeCeased = "E11" });
        }
        await children.PublishKpisAsync(new DateOnly(2018, 3, 31));
        using (var strategy = await finance.CreateMtfsVersionAsync(Finance.MtfsThroughTheGatewayTests.SmallVersion("small") with { MakeCurrent = true }))
            Answered.With(strategy, HttpStatusCode.Created, "the MTFS");
        await finance.PutLedgerYearAsync("2015-16", new LedgerYearRequest
        {
            NetRevenueExpenditure = 1_500_000m, UsableReserves = 100_000m, SocialCareSpend = 800_000m, CouncilTaxIncome = 1_000_000m,
            FeesAndChargesIncome = 50_000m, TotalServiceExpenditure = 2_000_000m, Source = "test ledger",
        });
        await finance.PutDirectorateAsync("council", new DirectorateRequest { Name = "The council" });
        await finance.PutCostCentreAsync("services", new CostCentreRequest { Directorate = "council", Name = "All services" });
        await finance.PutBudgetAsync("2016-17", "services", new BudgetRequest { NetBudget = 1_500_000m });
        await finance.PutForecastAsync("2016-17", 7, "services", new ForecastReturnRequest { ActualsToDate = 1_000_000m, ForecastRemaining = 700_000m, ManagementAction = "Spending controls" });

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
