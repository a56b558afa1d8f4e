using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Licensing;
using RabbitMQ.Client;
using Xunit;
using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// The children's events on the broker: a child entering care and changing placement (with no child-level field),
/// an out-of-authority residential placement in governance's decision register, and a licensing revocation on
/// safeguarding grounds at the front door. On the shared system: local identifiers and licence references are this
/// run's own, and the front door is read for this test's concern only.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ChildrenEventsTests(SharedSystem shared)
{
    private AspireSystem System => shared.System;

    [Fact]
    public async Task A_placement_change_is_published_as_PlacementChanged_with_the_pseudonymous_reference_only()
    {
        // A queue of our own on the event exchanges, as any integrator would bind one.
        var factory = new ConnectionFactory { Uri = new Uri(await System.ConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in new[] { "Intervention.Contracts.Children:ChildBecameLookedAfter", "Intervention.Contracts.Children:PlacementChanged", "Intervention.Contracts.Children:ChildCeasedToBeLookedAfter" })
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, "");
        }

        var localId = LocalId();
        using var created = await System.Gateway.PostAsJsonAsync("children/api/children", new { localId, sex = "1", dateOfBirth = "2009-05-04", ethnicity = "WBRI", stovewood = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var child = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = child.GetProperty("id").GetGuid();
        var childRef = child.GetProperty("ref").GetString()!;
        Assert.DoesNotContain(localId, childRef);

        using var duplicate = await System.Gateway.PostAsJsonAsync("children/api/children", new { localId, sex = "1", dateOfBirth = "2009-05-04", ethnicity = "WBRI" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        using var started = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes", new
        {
            startedOn = "2017-06-01", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "U4", placementProvider = "PR1", weeklyCost = 450,
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        using var moved = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes", new
        {
            startedOn = "2017-09-01", reasonForNewEpisode = "P", legalStatus = "C2", categoryOfNeed = "N1", placementType = "K2", placementProvider = "PR4", weeklyCost = 3500,
        });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        using var wrong = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes", new
        {
            startedOn = "2017-10-01", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "K2", placementProvider = "PR4",
        });
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Contains("already-looked-after", await wrong.Content.ReadAsStringAsync());
        using var ended = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes/current/end", new { endedOn = "2018-02-01", reasonEpisodeCeased = "E4A" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        using var overlapping = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes", new
        {
            startedOn = "2018-01-15", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "U4", placementProvider = "PR1",
        });
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Contains("episode-before-current", await overlapping.Content.ReadAsStringAsync());

        var messages = new Dictionary<string, JsonElement>();
        await WaitUntilAsync(async () =>
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                var envelope = JsonDocument.Parse(delivery.Body.ToArray()).RootElement;
                // No child-level field travels: not the local identifier, not the date of birth.
                var text = Encoding.UTF8.GetString(delivery.Body.Span);
                Assert.DoesNotContain(localId, text);
                // Other children's events on the shared system are not this test's.
                if (envelope.GetProperty("message").GetProperty("childRef").GetString() != childRef) continue;
                messages[envelope.GetProperty("messageType")[0].GetString()!.Split(':').Last()] = envelope.GetProperty("message").Clone();
                Assert.DoesNotContain("2009-05-04", text);
            }
            return messages.Count == 3;
        }, TimeSpan.FromSeconds(20), () => $"three events on the broker; saw {string.Join(", ", messages.Keys)}");

        var change = JsonSerializer.Deserialize<Intervention.Contracts.Children.PlacementChanged>(messages["PlacementChanged"], ContractJson.Options)!;
        Assert.Equal((childRef, new DateOnly(2017, 9, 1), "U4", "K2", "PR4", "3500-3999", true),
            (change.ChildRef, change.ChangedOn, change.PreviousPlacementType, change.PlacementType, change.PlacementProvider, change.WeeklyCostBand, change.Stovewood));
        Assert.Equal("0-499", messages["ChildBecameLookedAfter"].GetProperty("weeklyCostBand").GetString());
        Assert.Equal("E4A", messages["ChildCeasedToBeLookedAfter"].GetProperty("reasonEpisodeCeased").GetString());

        // The episodes are the return's: exported for 2017/18 as 903 rows, the first ended by the move with X1.
        var episodes = await System.Gateway.GetStringAsync("children/api/903/exports/2017-18/episodes.csv");
        Assert.Contains($"{localId},01/06/2017,S,C2,N1,U4,PR1,01/09/2017,X1,", episodes);
        Assert.Contains($"{localId},01/09/2017,P,C2,N1,K2,PR4,01/02/2018,E4A,", episodes);
    }

    [Fact]
    public async Task An_out_of_authority_residential_placement_reaches_governance_s_decision_register()
    {
        var localId = LocalId();
        using var created = await System.Gateway.PostAsJsonAsync("children/api/children", new { localId, sex = "2", dateOfBirth = "2004-02-01", ethnicity = "WBRI" });
        var child = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = child.GetProperty("id").GetGuid();
        var childRef = child.GetProperty("ref").GetString()!;
        using var placed = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes", new
        {
            startedOn = "2017-07-03", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "K2", placementProvider = "PR4",
            homePostcode = "S60 1", placementPostcode = "LS6 1", weeklyCost = 4200, approvedBy = new { name = "Commissioner for children's social care", authority = "Commissioners" },
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var decisionId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisionId").GetGuid();

        JsonElement decision = default;
        await WaitUntilAsync(async () =>
        {
            using var response = await System.Gateway.GetAsync($"governance/api/decisions/{decisionId}");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            decision = await response.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, TimeSpan.FromSeconds(20), () => $"decision {decisionId} in governance's register");
        Assert.Equal("childrens-social-care", decision.GetProperty("function").GetString());
        Assert.Equal("children", decision.GetProperty("sourceService").GetString());
        Assert.Contains("LS6", decision.GetProperty("summary").GetString());
        Assert.DoesNotContain(localId, decision.GetRawText());

        // Linked to Operation Stovewood after the fact: the next event carries the flag.
        using var flagged = await System.Gateway.PutAsJsonAsync($"children/api/children/{id}/stovewood", new { linked = true });
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        using var unflagged = await System.Gateway.PutAsJsonAsync($"children/api/children/{id}/stovewood", new { });
        Assert.Equal(HttpStatusCode.BadRequest, unflagged.StatusCode);

        // A placement inside the borough is not a decision for the register.
        using var local = await System.Gateway.PostAsJsonAsync($"children/api/children/{id}/episodes", new
        {
            startedOn = "2017-10-02", reasonForNewEpisode = "P", legalStatus = "C2", categoryOfNeed = "N1", placementType = "K2", placementProvider = "PR1",
            homePostcode = "S60 1", placementPostcode = "S61 2",
        });
        Assert.Equal(JsonValueKind.Null, (await local.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisionId").ValueKind);
        Assert.Equal(1, await System.CountAsync("children",
            $"SELECT count(*) FROM outbox_messages WHERE message_type = 'Intervention.Contracts.Children.PlacementChanged' AND body->>'childRef' = '{childRef}' AND body->>'changedOn' = '2017-10-02' AND (body->>'stovewood')::boolean"));
    }

    [Fact]
    public async Task A_licensing_revocation_on_safeguarding_grounds_appears_in_the_front_door_queue_once()
    {
        // A licence reference of this run's own: the shared system's front door holds other concerns too.
        var licence = $"PH-{Random.Shared.Next(900_000, 1_000_000)}";
        var concern = new SafeguardingConcernRaised
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, LicenceReference = licence, LicenceType = LicenceType.PrivateHire,
            DecisionId = Guid.NewGuid(), Outcome = HearingOutcome.Revocation, DecidedOn = new DateOnly(2016, 3, 10), EffectiveOn = new DateOnly(2016, 3, 10), Immediate = true,
        };
        // As licensing publishes it: MassTransit's envelope on the event type's exchange, delivered twice.
        var factory = new ConnectionFactory { Uri = new Uri(await System.ConnectionStringAsync("messaging")) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            for (var i = 0; i < 2; i++)
            {
                var envelope = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    messageId = concern.EventId,
                    messageType = new[] { "urn:message:Intervention.Contracts.Licensing:SafeguardingConcernRaised" },
                    sentTime = DateTimeOffset.UtcNow,
                    message = concern,
                }, ContractJson.Options);
                var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = concern.EventId.ToString() };
                await channel.BasicPublishAsync("Intervention.Contracts.Licensing:SafeguardingConcernRaised", "", mandatory: true, properties, envelope);
            }
        }

        List<JsonElement> open = [];
        await WaitUntilAsync(async () =>
        {
            open = await OpenForAsync(licence);
            return open.Count > 0;
        }, TimeSpan.FromSeconds(20), () => "the concern at the front door");
        await Task.Delay(500); // the redelivery, had it been taken, would be there by now
        open = await OpenForAsync(licence);
        var contact = Assert.Single(open);
        Assert.Equal((licence, "Revocation", "licensing"), (contact.GetProperty("licenceReference").GetString(), contact.GetProperty("outcome").GetString(), contact.GetProperty("source").GetString()));

        using var worked = await System.Gateway.PostAsJsonAsync($"children/api/front-door/{contact.GetProperty("id").GetGuid()}/worked",
            new { workedBy = "MASH duty manager", note = "Checked against open cases; strategy discussion not needed" });
        Assert.Equal(HttpStatusCode.OK, worked.StatusCode);
        Assert.Empty(await OpenForAsync(licence));
    }

    /// <summary>The open front-door contacts about <paramref name="licence"/>.</summary>
    private async Task<List<JsonElement>> OpenForAsync(string licence) =>
        (await System.Gateway.GetFromJsonAsync<List<JsonElement>>("children/api/front-door?status=Open"))!
        .Where(c => c.TryGetProperty("licenceReference", out var reference) && reference.ValueKind == JsonValueKind.String && reference.GetString() == licence).ToList();

    /// <summary>A local identifier of this run's own (at most 10 characters, as the 903 allows).</summary>
    private static string LocalId() => $"C{Random.Shared.Next(1_000_000, 10_000_000)}";
}
