using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using RabbitMQ.Client;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests;

/// <summary>
/// The decision register on a running governance: the Done-when of issue 4 over HTTP, decisions from
/// the broker, the veto gate, and bad input. On the shared system other tests record Directions too: each test here
/// records the Directions its decision is judged by as the latest before the decision (for its own function), and reads
/// only its own decisions and events, so the tests hold whatever ran before them.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class DecisionRegisterTests(SharedSystem shared) : IDisposable
{
    private readonly HttpClient _governance = shared.System.Service("governance");

    private AspireSystem System => shared.System;

    private const string QuestionedType = "Intervention.Contracts.Governance.DecisionValidityQuestioned";
    private const string ClearedType = "Intervention.Contracts.Governance.DecisionValidityCleared";

    private HttpClient Governance => _governance;

    private IGovernanceApi Register => System.Api<IGovernanceApi>();

    public void Dispose() => _governance.Dispose();

    [Fact]
    public async Task Licensing_Boards_decision_of_20_December_2016_is_questioned_stays_questioned_under_Directions_from_the_21st_and_is_cleared_by_Directions_from_the_20th()
    {
        // The Commissioners hold licensing on the 20th under Directions effective the day before: on the shared system these
        // are the latest licensing Directions before the decision, whatever other tests recorded for earlier dates.
        var commissioners = await IssueAsync("2016-12-19", "2016-12-19T00:00:00Z", "licensing", Authority.Commissioners, Oversight.None);

        // The Licensing Board decides while the Commissioners hold licensing: kept, and questioned.
        var id = Guid.NewGuid();
        var report = new RecordDecisionRequest
        {
            Id = id, SourceService = "licensing", Function = "licensing", DecidedAt = DateTimeOffset.Parse("2016-12-20T10:00:00Z"), Authority = Authority.Council,
            DeciderName = "Licensing Board", Summary = "Private hire driver's licence revoked", KeyDecision = false, CallIn = false,
        };
        using (var created = await Register.RecordDecisionAsync(report))
        {
            var decision = Answered.With(created, HttpStatusCode.Created, "the Board's decision");
            Assert.Equal($"/api/decisions/{id}", created.Headers?.Location?.OriginalString);
            Assert.Equal(DecisionStatus.Questioned, decision.Status);
            Assert.Equal(Authority.Commissioners, decision.HeldBy);
            Assert.Equal(commissioners, decision.DirectionsId);
            Assert.Contains("Commissioners held 'licensing'", decision.Reason);
            Assert.Contains(commissioners.ToString(), decision.Reason);
            Assert.Null(decision.EffectiveOn);
        }
        Assert.Equal(1, await EventsAsync(QuestionedType, id));

        // Idempotent by id: the same report again is the same decision; other facts under the id are refused.
        using (var again = await Register.RecordDecisionAsync(report))
            Answered.With(again, HttpStatusCode.OK, "the same report again");
        using (var reused = await Register.RecordDecisionAsync(report with { Summary = "Private hire driver's licence suspended" }))
        {
            var problem = Refused.ByRule(reused, "decision-id-reused");
            Assert.Contains("summary", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(1, await System.CountAsync("governance", $"SELECT count(*) FROM decisions WHERE id = '{id}'"));
        Assert.Equal(1, await EventsAsync(QuestionedType, id));
        // The status as a person might type it, in capitals: the register reads any case.
        Assert.Contains(id, await ListAsync("status=QUESTIONED&function=licensing"));

        // Directions recorded later that day, effective from the 21st: the decision stays questioned, nothing new is published.
        var fromThe21st = await IssueAsync("2016-12-20", "2016-12-21T00:00:00Z", "licensing", Authority.Council, Oversight.Advice);
        var stillQuestioned = await GetAsync(id);
        Assert.Equal(DecisionStatus.Questioned, stillQuestioned.Status);
        Assert.Equal(commissioners, stillQuestioned.DirectionsId);
        Assert.Equal(1, await EventsAsync(QuestionedType, id));
        Assert.Equal(0, await EventsAsync(ClearedType, id));

        // Directions recorded later still, effective from the 20th's midnight: the Board held licensing when it decided.
        var fromThe20th = await IssueAsync("2016-12-20", "2016-12-20T00:00:00Z", "licensing", Authority.Council, Oversight.Advice);
        var cleared = await GetAsync(id);
        Assert.Equal(DecisionStatus.Valid, cleared.Status);
        Assert.Null(cleared.Reason);
        Assert.Equal(new DateOnly(2016, 12, 20), cleared.EffectiveOn);
        Assert.Equal(Authority.Council, cleared.HeldBy);
        Assert.Equal(Oversight.Advice, cleared.Oversight);
        Assert.Equal(fromThe20th, cleared.DirectionsId);
        Assert.NotEqual(fromThe21st, cleared.DirectionsId);
        Assert.Equal(1, await EventsAsync(ClearedType, id));
        Assert.DoesNotContain(id, await IdsAsync(status: DecisionStatus.Questioned, function: "licensing"));
        Assert.Contains(id, await IdsAsync(DecisionStatus.Valid, "licensing", DateTimeOffset.Parse("2016-12-20T00:00:00Z"), DateTimeOffset.Parse("2016-12-21T00:00:00Z")));
        Assert.DoesNotContain(id, await IdsAsync(function: "licensing", from: DateTimeOffset.Parse("2016-12-20T10:00:01Z")));

        // The relay publishes what the register wrote.
        await WaitUntilAsync(async () => await System.CountAsync("governance", "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL") == 0,
            TimeSpan.FromSeconds(20), () => $"governance's outbox kept unpublished rows.\n{System.Logs("governance", 15)}");
    }

    [Fact]
    public async Task A_DecisionRecorded_published_on_the_broker_lands_in_the_register_once()
    {
        // A Cabinet housing decision subject to call-in, as any service would publish it: MassTransit's
        // JSON envelope on the contract's exchange. Delivered twice under two message ids (a service
        // that published it again): the decision's id keeps it one decision.
        var decisionId = Guid.NewGuid();
        var recorded = new DecisionRecorded
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
            DecisionId = decisionId,
            SourceService = "finance",
            Function = "housing",
            DecidedAt = DateTimeOffset.Parse("2017-05-26T10:00:00Z"),
            Authority = Authority.Cabinet,
            DeciderName = "Cabinet",
            Meeting = "Cabinet and Commissioners' Decision Making Meeting, 26 May 2017",
            Summary = "Housing revenue account business plan approved",
            KeyDecision = true,
            CallIn = true,
        };
        var messageIds = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var factory = new ConnectionFactory { Uri = new Uri(await System.ConnectionStringAsync("messaging")) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            foreach (var messageId in messageIds)
            {
                var envelope = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    messageId,
                    messageType = new[] { "urn:message:Intervention.Contracts.Governance:DecisionRecorded" },
                    sentTime = DateTimeOffset.UtcNow,
                    message = recorded with { EventId = messageId },
                }, ContractJson.Options);
                var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = messageId.ToString() };
                await channel.BasicPublishAsync("Intervention.Contracts.Governance:DecisionRecorded", "", mandatory: true, properties, envelope);
            }
        }

        await WaitUntilAsync(async () => await System.CountAsync("governance",
                $"SELECT count(*) FROM inbox_messages WHERE consumer = 'governance-decision-recorded' AND message_id IN ('{messageIds[0]}', '{messageIds[1]}')") == 2,
            TimeSpan.FromSeconds(20), () => $"governance did not consume both DecisionRecorded messages.\n{System.Logs("governance", 20)}");

        var decision = await GetAsync(decisionId);
        Assert.Equal("finance", decision.SourceService);
        Assert.Equal("Housing revenue account business plan approved", decision.Summary);
        Assert.Equal("Cabinet and Commissioners' Decision Making Meeting, 26 May 2017", decision.Meeting);
        // No Directions assign housing (no test on the shared system does): nothing to question. Call-in ran to Fri 9 June 2017 (the late
        // May bank holiday skipped), long past, so the decision is valid from then.
        Assert.Null(decision.HeldBy);
        Assert.Equal(DecisionStatus.Valid, decision.Status);
        Assert.Equal(new DateOnly(2017, 6, 9), decision.EffectiveOn);
        Assert.Equal(1, await System.CountAsync("governance", $"SELECT count(*) FROM decisions WHERE id = '{decisionId}'"));
        Assert.Equal(0u, await System.MessagesInQueueAsync("governance-decision-recorded_error"));
    }

    [Fact]
    public async Task A_reported_decision_the_register_cannot_take_goes_to_the_error_queue_at_once_and_the_next_is_taken()
    {
        var refusedId = Guid.NewGuid();
        var acceptedId = Guid.NewGuid();
        DecisionRecorded Report(Guid id, string function) => new()
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DecisionId = id, SourceService = "licensing",
            Function = function, DecidedAt = DateTimeOffset.Parse("2017-02-14T10:00:00Z"), Authority = Authority.Council,
            DeciderName = "Licensing Board", Summary = "Hackney carriage licence suspended", KeyDecision = false, CallIn = false,
        };
        var factory = new ConnectionFactory { Uri = new Uri(await System.ConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var report in new[] { Report(refusedId, "taxis"), Report(acceptedId, "licensing") })
        {
            var envelope = JsonSerializer.SerializeToUtf8Bytes(new
            {
                messageId = report.EventId,
                messageType = new[] { "urn:message:Intervention.Contracts.Governance:DecisionRecorded" },
                sentTime = DateTimeOffset.UtcNow,
                message = report,
            }, ContractJson.Options);
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = report.EventId.ToString() };
            await channel.BasicPublishAsync("Intervention.Contracts.Governance:DecisionRecorded", "", mandatory: true, properties, envelope);
        }

        await WaitUntilAsync(async () => await System.CountAsync("governance", $"SELECT count(*) FROM decisions WHERE id = '{acceptedId}'") == 1,
            TimeSpan.FromSeconds(20), () => $"the valid decision after the refused one never arrived.\n{System.Logs("governance", 20)}");
        await WaitUntilAsync(async () => await System.MessagesInQueueAsync("governance-decision-recorded_error") == 1,
            TimeSpan.FromSeconds(20), () => "the refused decision is not in the error queue");

        // Refused, not retried: the fault says why and counts no retries; the register never took it.
        var faulted = await channel.BasicGetAsync("governance-decision-recorded_error", autoAck: false);
        Assert.NotNull(faulted);
        var headers = faulted.BasicProperties.Headers!;
        Assert.Contains("'function'", Encoding.UTF8.GetString((byte[])headers["MT-Fault-Message"]!));
        Assert.False(headers.ContainsKey("MT-Fault-RetryCount"), "MassTransit records a retry count only when it retried");
        await channel.BasicAckAsync(faulted.DeliveryTag, multiple: false); // the class's other tests expect an empty error queue
        Assert.Equal(0, await System.CountAsync("governance", $"SELECT count(*) FROM decisions WHERE id = '{refusedId}'"));
    }

    [Fact]
    public async Task Key_decision_on_adult_social_care_under_veto_awaits_a_Commissioners_sign_off()
    {
        await IssueAsync("2015-02-26", "2015-02-26T00:00:00Z", "adult-social-care", Authority.Commissioners, Oversight.None);
        var march2017 = await IssueAsync("2017-03-20", "2017-03-20T00:00:00Z", "adult-social-care", Authority.Cabinet, Oversight.Veto);

        var id = Guid.NewGuid();
        using (var created = await Register.RecordDecisionAsync(new RecordDecisionRequest
               {
                   Id = id, SourceService = "governance", Function = "adult-social-care", DecidedAt = DateTimeOffset.Parse("2017-04-03T10:00:00+01:00"),
                   Authority = Authority.Cabinet, DeciderName = "Cabinet Member for Adult Social Care", Meeting = "Cabinet, 3 April 2017",
                   Summary = "Adult social care development programme", KeyDecision = true, CallIn = false,
               }))
        {
            var awaiting = Answered.With(created, HttpStatusCode.Created, "the key decision");
            Assert.Equal(DecisionStatus.AwaitingSignOff, awaiting.Status);
            Assert.Equal(march2017, awaiting.DirectionsId);
            Assert.Null(awaiting.EffectiveOn);
        }
        // As a person might type it, in lower case: the register reads any case.
        Assert.Contains(id, await ListAsync("status=awaitingsignoff"));

        var valid = await Register.SignOffDecisionAsync(id, new SignOffDecisionRequest { SignerName = "Mary Ney", SignedAt = DateTimeOffset.Parse("2017-04-05T16:00:00Z") });
        Assert.Equal(DecisionStatus.Valid, valid.Status);
        Assert.Equal(new DateOnly(2017, 4, 5), valid.EffectiveOn);
        Assert.Equal("Mary Ney", valid.SignedOffBy);
        await Refused.ByRuleAsync(() => Register.SignOffDecisionAsync(id, new SignOffDecisionRequest { SignerName = "Patricia Bradwell" }), "already-signed-off");
        await Refused.WithAsync(() => Register.SignOffDecisionAsync(Guid.NewGuid(), new SignOffDecisionRequest { SignerName = "Mary Ney" }), HttpStatusCode.NotFound);
    }

    private const string Valid = """{"id":"0f9d9d55-2d0c-4c52-8f55-1a3f3c0a7a01","sourceService":"licensing","function":"licensing","decidedAt":"2016-12-20T10:00:00Z","authority":"Council","deciderName":"Licensing Board","summary":"s","keyDecision":false,"callIn":false}""";

    [Theory]
    [InlineData("unknown function", "\"function\":\"licensing\"", "\"function\":\"taxis\"", "function")]
    [InlineData("missing decidedAt", "\"decidedAt\":\"2016-12-20T10:00:00Z\",", "", "decidedAt")]
    [InlineData("unknown authority", "\"authority\":\"Council\"", "\"authority\":\"Mayor\"", "authority")]
    [InlineData("instant without an offset", "2016-12-20T10:00:00Z", "2016-12-20T10:00:00", "decidedAt")]
    [InlineData("malformed instant", "2016-12-20T10:00:00Z", "20/12/2016", "decidedAt")]
    [InlineData("blank decider", "\"deciderName\":\"Licensing Board\"", "\"deciderName\":\" \"", "deciderName")]
    [InlineData("blank summary", "\"summary\":\"s\"", "\"summary\":\"\"", "summary")]
    [InlineData("blank source service", "\"sourceService\":\"licensing\"", "\"sourceService\":\"\"", "sourceService")]
    public async Task A_bad_decision_is_a_400_naming_the_field(string what, string replace, string with, string field)
    {
        var body = Valid.Replace(replace, with);
        Assert.NotEqual(Valid, body);
        using var response = await PostJsonAsync("api/decisions", body);
        await AssertNamesAsync(response, field, what);
    }

    [Theory]
    [InlineData("status=overturned", "status")]
    [InlineData("status=1", "status")]
    [InlineData("status=valid,questioned", "status")]
    [InlineData("function=taxis", "function")]
    [InlineData("from=yesterday", "from")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string field)
    {
        using var response = await Governance.GetAsync($"api/decisions?{query}");
        await AssertNamesAsync(response, field, query);
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var rules), $"{what}: errors name {errors} but not '{field}'");
        Assert.Contains(rules.EnumerateArray(), r => !string.IsNullOrWhiteSpace(r.GetString()));
    }

    private async Task<Guid> IssueAsync(string issuedOn, string effectiveFrom, string function, Authority authority, Oversight oversight) =>
        (await Register.IssueDirectionsAsync(new IssueDirectionsRequest
        {
            IssuedOn = DateOnly.Parse(issuedOn),
            IssuedBy = ["DCLG"],
            EffectiveFrom = DateTimeOffset.Parse(effectiveFrom),
            Assignments = [new() { Function = function, Authority = authority, Oversight = oversight }],
        })).Id;

    /// <summary>Bad input, as a client that does not use the contract would send it.</summary>
    private Task<HttpResponseMessage> PostJsonAsync(string uri, string json) =>
        Governance.PostAsync(uri, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<DecisionDetail> GetAsync(Guid id) => Register.GetDecisionAsync(id);

    private async Task<List<Guid>> IdsAsync(DecisionStatus? status = null, string? function = null, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        (await Register.ListDecisionsAsync(status, function, from, to)).Select(d => d.Id).ToList();

    /// <summary>The register's answer to a query as written by hand (a status in any case).</summary>
    private async Task<List<Guid>> ListAsync(string query)
    {
        var decisions = await Governance.GetFromJsonAsync<List<DecisionDetail>>($"api/decisions?{query}", ContractJson.Options);
        return decisions!.Select(d => d.Id).ToList();
    }

    private Task<long> EventsAsync(string messageType, Guid decisionId) =>
        System.CountAsync("governance",
            $"SELECT count(*) FROM outbox_messages WHERE message_type = '{messageType}' AND body->>'decisionId' = '{decisionId}'");
}
