using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Http;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Integrations;

/// <summary>An integrator's endpoint in the test process, for every test of the class.</summary>
public sealed class WebhookSubscriber : IAsyncLifetime
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync() => Receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await Receiver.DisposeAsync();
}

/// <summary>
/// Signed CloudEvents to integrators' webhooks, through the gateway, on the system with its own settings: a delivery
/// window shortened to seconds (<see cref="OwnSettingsSystem.WebhookRetryFor"/>) so that a failing subscriber's
/// deliveries park while the test watches. The Rotherham Directions are seeded so licensing may decide.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class WebhookDeliveryTests(OwnSettingsSystem own, WebhookSubscriber subscriber) : IClassFixture<WebhookSubscriber>
{
    private const string DecisionMade = "Intervention.Contracts.Licensing.LicensingDecisionMade";
    private AspireSystem System => own.System;
    private HttpClient Teams => System.Gateway;
    private WebhookReceiver Receiver => subscriber.Receiver;

    /// <summary>The Directions seeded (again: the seeds skip what is recorded) and licensing's copy of them arrived over the broker.</summary>
    private async Task SeedDirectionsAsync()
    {
        var seeds = await System.RunSeedsAsync("--only", "governance");
        Assert.Equal(0, seeds.ExitCode);
        // The Commissioners held licensing in June 2016.
        await WaitUntilAsync(async () =>
            (await Teams.GetAsync("licensing/api/authority?function=licensing&at=2016-06-15T12:00:00Z")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), () => "licensing never received the seeded Directions");
    }

    /// <summary>A client of the gateway acting as <paramref name="subject"/> with the integrator role and the police audience (licensing decisions are restricted to it).</summary>
    private HttpClient Integrator(string subject = "police-integration") =>
        System.GatewayAs(System.Tokens.Mint(subject, ["integrator"], TimeSpan.FromHours(1), scope: "intervention.events.police"));

    [Fact]
    public async Task A_licensing_decision_reaches_the_subscriber_as_a_signed_CloudEvent_and_while_it_fails_is_retried_then_parked_and_a_replay_delivers_it()
    {
        await SeedDirectionsAsync();
        using var integrator = Integrator();
        var subscription = await RegisterAsync(integrator, $"{Receiver.Address}/hooks/decisions", [DecisionMade]);
        var subscriptionId = subscription.GetProperty("id").GetGuid();
        var secret = subscription.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        var shown = await GetJsonAsync(integrator, $"integrations/api/subscriptions/{subscriptionId}");
        Assert.False(shown.TryGetProperty("secret", out _), "the secret is shown once, at registration");
        var replayFrom = DateTimeOffset.UtcNow.AddSeconds(-1);
        // A subscription that points inside a network: accepted as a URL, but nothing is ever sent there.
        var inside = (await RegisterAsync(integrator, "https://10.20.30.40/hooks/decisions", [DecisionMade])).GetProperty("id").GetGuid();

        // A decision through the gateway, in a trace of the caller's own.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var (first, decided) = await DecideAsync("Webhook One", "1981-03-03", traceparent: $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var watch = Stopwatch.StartNew();
        ReceivedWebhook? delivered = null;
        await WaitUntilAsync(() => (delivered = Receiver.Received.FirstOrDefault(r => LicenceOf(r) == first)) is not null,
            TimeSpan.FromSeconds(30), () => $"no CloudEvent for {first} reached the subscriber; it received {Receiver.Received.Count}");
        Measurements.Record($"webhooks: licensing decision through the gateway -> signed CloudEvent at the subscriber: {watch.ElapsedMilliseconds} ms after the decision's 201");

        // The subscriber verifies the signature with its secret, as the Standard Webhooks libraries do, and reads a CloudEvent.
        Assert.Equal("application/cloudevents+json", delivered!.ContentType?.Split(';')[0]);
        Assert.True(SignatureVerifies(secret, delivered), $"signature {delivered.Signature} does not verify");
        Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(delivered.Timestamp)) < 300);
        var cloudEvent = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal(DecisionMade, cloudEvent.GetProperty("type").GetString());
        Assert.Equal("/intervention/licensing", cloudEvent.GetProperty("source").GetString());
        Assert.Equal("application/json", cloudEvent.GetProperty("datacontenttype").GetString());
        Assert.True(Guid.TryParse(cloudEvent.GetProperty("id").GetString(), out _));
        Assert.True(InstantConverter.TryParse(cloudEvent.GetProperty("time").GetString(), out _));
        var data = cloudEvent.GetProperty("data");
        Assert.Equal(first, data.GetProperty("licenceReference").GetString());
        Assert.Equal(decided.GetProperty("decisionId").GetGuid(), data.GetProperty("decisionId").GetGuid());
        Assert.Equal("Revocation", data.GetProperty("outcome").GetString());
        // The event's trace is the decision request's: ops can follow it from the caller to the subscriber.
        Assert.Equal(traceId, cloudEvent.GetProperty("traceparent").GetString()!.Split('-')[1]);
        // The service marks it delivered once the subscriber's answer is in.
        await WaitUntilAsync(async () => (await DeliveriesAsync(integrator, subscriptionId, "Delivered"))
                .Any(d => d.GetProperty("eventId").GetString() == cloudEvent.GetProperty("id").GetString() && d.GetProperty("attempts").GetInt32() == 1),
            TimeSpan.FromSeconds(10), () => "the delivery is not listed as delivered at the first attempt");

        // The subscriber goes down: the decision is still made at once, and its delivery is retried with back-off, then parked.
        Receiver.Answer = 500;
        var (second, _) = await DecideAsync("Webhook Two", "1982-04-04");
        List<ReceivedWebhook> attempts = [];
        JsonElement parked = default;
        await WaitUntilAsync(async () =>
        {
            attempts = Receiver.Received.Where(r => LicenceOf(r) == second).ToList();
            if (attempts.Count == 0) return false;
            var eventId = EventIdOf(attempts[0]);
            parked = (await DeliveriesAsync(integrator, subscriptionId, "Parked")).FirstOrDefault(d => d.GetProperty("eventId").GetString() == eventId);
            return parked.ValueKind == JsonValueKind.Object;
        }, OwnSettingsSystem.WebhookRetryFor + TimeSpan.FromSeconds(30), () => $"the delivery of {second} was not parked; {attempts.Count} attempts seen");
        attempts = Receiver.Received.Where(r => LicenceOf(r) == second).ToList();
        Assert.True(attempts.Count >= 3, $"only {attempts.Count} attempts before parking");
        Assert.All(attempts, a => Assert.Equal(500, a.Answered));
        Assert.Equal(attempts.Count, parked.GetProperty("attempts").GetInt32());
        Assert.Single(attempts.Select(a => a.WebhookId).Distinct()); // one delivery, retried under one webhook-id
        Assert.Equal(500, parked.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, parked.GetProperty("nextAttemptAt").ValueKind);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).Select(g => $"{g:0}").ToList();
        Measurements.Record($"webhooks: a failing subscriber got {attempts.Count} attempts {string.Join(", ", gaps)} ms apart, parked {(attempts[^1].At - attempts[0].At).TotalSeconds:0.0} s after the first (window {OwnSettingsSystem.WebhookRetryFor.TotalSeconds:0} s)");

        List<JsonElement> refused = [];
        await WaitUntilAsync(async () => (refused = await DeliveriesAsync(integrator, inside, "Parked")).Count == 2, TimeSpan.FromSeconds(15),
            () => $"{refused.Count} of the 2 deliveries to an address inside a network were parked");
        Assert.All(refused, d => Assert.Contains("not a public internet address", d.GetProperty("lastError").GetString()));

        // Back up: a replay from before the first decision sends both again.
        Receiver.Answer = 200;
        using (var badFrom = await integrator.PostAsync($"integrations/api/subscriptions/{subscriptionId}/replay", Json("""{"from":"2016-06-01"}""")))
            await AssertFieldAsync(badFrom, "from");
        using var replay = await integrator.PostAsync($"integrations/api/subscriptions/{subscriptionId}/replay", Json($$"""{"from":"{{replayFrom:O}}"}"""));
        var replayText = await replay.Content.ReadAsStringAsync();
        Assert.True(replay.StatusCode == HttpStatusCode.Accepted, $"replay answered {(int)replay.StatusCode}: {replayText}");
        Assert.Equal(2, JsonDocument.Parse(replayText).RootElement.GetProperty("queued").GetInt32());
        var secondEventId = EventIdOf(attempts[0]);
        await WaitUntilAsync(() => Receiver.Received.Any(r => LicenceOf(r) == second && r.Answered == 200) && Receiver.Received.Count(r => LicenceOf(r) == first) == 2,
            TimeSpan.FromSeconds(30), () => "the replay did not deliver both decisions again");
        var redelivered = Receiver.Received.Last(r => LicenceOf(r) == second);
        Assert.True(SignatureVerifies(secret, redelivered));
        Assert.Equal(secondEventId, EventIdOf(redelivered)); // the same CloudEvent id: a subscriber can tell it already had it
        await WaitUntilAsync(async () => (await DeliveriesAsync(integrator, subscriptionId, "Delivered"))
                .Any(d => d.GetProperty("eventId").GetString() == secondEventId && d.GetProperty("replay").GetBoolean()),
            TimeSpan.FromSeconds(10), () => "the replayed delivery is not listed as delivered");
        Assert.Contains(await DeliveriesAsync(integrator, subscriptionId, "Parked"), d => d.GetProperty("eventId").GetString() == secondEventId);
    }

    [Fact]
    public async Task An_integrator_finds_the_event_types_and_the_documented_endpoints()
    {
        using var integrator = Integrator("partner-council");
        var types = (await integrator.GetFromJsonAsync<List<JsonElement>>("integrations/api/event-types"))!;
        Assert.Contains(types, t => t.GetProperty("type").GetString() == DecisionMade && t.GetProperty("portfolio").GetString() == "Licensing");
        Assert.Contains(types, t => t.GetProperty("type").GetString() == "Intervention.Contracts.Governance.DirectionsIssued");

        using var openApi = JsonDocument.Parse(await System.Service("integrations").GetStringAsync("openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/subscriptions", "/api/subscriptions/{id}", "/api/subscriptions/{id}/deliveries", "/api/subscriptions/{id}/replay", "/api/event-types" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        Assert.Contains("HMAC-SHA256", paths.GetProperty("/api/subscriptions").GetProperty("post").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Registration_is_refused_with_problem_details_naming_the_field_and_a_subscription_is_its_owners_alone()
    {
        using var integrator = Integrator("auditor-integration");
        using (var http = await integrator.PostAsync("integrations/api/subscriptions", Json($$"""{"url":"http://partner.example.org/hooks","eventTypes":["{{DecisionMade}}"]}""")))
            await AssertFieldAsync(http, "url");
        using (var unknown = await integrator.PostAsync("integrations/api/subscriptions", Json("""{"url":"https://partner.example.org/hooks","eventTypes":["LicensingDecisionMade"]}""")))
        {
            var errors = await AssertFieldAsync(unknown, "eventTypes");
            Assert.Contains(DecisionMade, errors.GetProperty("eventTypes")[0].GetString()); // the known ones are listed
        }
        using (var empty = await integrator.PostAsync("integrations/api/subscriptions", Json("""{"url":"https://partner.example.org/hooks","eventTypes":[]}""")))
            await AssertFieldAsync(empty, "eventTypes");
        using (var malformed = await integrator.PostAsync("integrations/api/subscriptions", Json("""{"url":5,"eventTypes":[]}""")))
            await AssertFieldAsync(malformed, "url");

        // Only integrators subscribe; a portfolio team's token is refused, no token is unauthorised.
        using (var team = await Teams.PostAsync("integrations/api/subscriptions", Json($$"""{"url":"https://partner.example.org/hooks","eventTypes":["{{DecisionMade}}"]}""")))
            Assert.Equal(HttpStatusCode.Forbidden, team.StatusCode);
        using (var anonymous = System.GatewayAs(null))
        using (var none = await anonymous.GetAsync("integrations/api/subscriptions"))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        var mine = (await RegisterAsync(integrator, "https://auditor.example.org/hooks/intervention", [DecisionMade, "Intervention.Contracts.Governance.DirectionsIssued"])).GetProperty("id").GetGuid();
        using var other = Integrator("another-integration");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"integrations/api/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"integrations/api/subscriptions/{mine}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"integrations/api/subscriptions/{mine}/replay", Json("""{"from":"2016-01-01T00:00:00Z"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"integrations/api/subscriptions/{mine}")).StatusCode);
        Assert.DoesNotContain((await other.GetFromJsonAsync<List<JsonElement>>("integrations/api/subscriptions"))!, s => s.GetProperty("id").GetGuid() == mine);
        Assert.Contains((await integrator.GetFromJsonAsync<List<JsonElement>>("integrations/api/subscriptions"))!, s => s.GetProperty("id").GetGuid() == mine);

        using (var badStatus = await integrator.GetAsync($"integrations/api/subscriptions/{mine}/deliveries?status=Lost"))
            await AssertFieldAsync(badStatus, "status");
        Assert.Equal(HttpStatusCode.NoContent, (await integrator.DeleteAsync($"integrations/api/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await integrator.GetAsync($"integrations/api/subscriptions/{mine}")).StatusCode);
    }

    private static string? LicenceOf(ReceivedWebhook r)
    {
        try { return JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("licenceReference").GetString(); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return null; }
    }

    private static string EventIdOf(ReceivedWebhook r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()!;

    /// <summary>The receiver's check, written from the Standard Webhooks specification, not from the service's code.</summary>
    private static bool SignatureVerifies(string secret, ReceivedWebhook r)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{r.WebhookId}.{r.Timestamp}.{r.Body}")));
        return r.Signature.Split(' ').Any(s => s == "v1," + expected);
    }

    private async Task<(string Licence, JsonElement Decision)> DecideAsync(string name, string dateOfBirth, string? traceparent = null)
    {
        var driver = (await PostOkAsync(Teams, "licensing/api/drivers", JsonSerializer.Serialize(new { name, dateOfBirth, licenceType = "PrivateHire", appliedOn = "2016-01-04" }))).GetProperty("id").GetGuid();
        var hearing = await PostOkAsync(Teams, "licensing/api/hearings", $$"""{"driverId":"{{driver}}","heldOn":"2016-06-15","grounds":"Police intelligence","members":[]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"licensing/api/hearings/{hearing.GetProperty("id").GetGuid()}/decision")
        {
            Content = Json("""{"outcome":"Revocation","reasons":"Risk to passengers","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}"""),
        };
        if (traceparent is not null) request.Headers.Add("traceparent", traceparent);
        using var response = await Teams.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"the decision answered {(int)response.StatusCode}: {text}");
        return (hearing.GetProperty("licenceReference").GetString()!, JsonDocument.Parse(text).RootElement.GetProperty("decision").Clone());
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient integrator, string url, string[] types)
    {
        var registered = await PostOkAsync(integrator, "integrations/api/subscriptions", JsonSerializer.Serialize(new { url, eventTypes = types }));
        Assert.Equal(types.Order(), registered.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()!).Order());
        return registered;
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient integrator, Guid subscription, string status) =>
        (await GetJsonAsync(integrator, $"integrations/api/subscriptions/{subscription}/deliveries?status={status}")).EnumerateArray().ToList();

    private static async Task<JsonElement> PostOkAsync(HttpClient http, string uri, string body)
    {
        using var response = await http.PostAsync(uri, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {uri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string uri)
    {
        using var response = await http.GetAsync(uri);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 naming {field}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").Clone();
        Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith("." + field, StringComparison.OrdinalIgnoreCase)),
            $"errors do not name {field}: {errors}");
        return errors;
    }
}
