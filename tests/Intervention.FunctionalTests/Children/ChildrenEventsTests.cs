using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing;
using RabbitMQ.Client;
using Refit;
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
        var created = await Children.RecordChildAsync(new RecordChildRequest { LocalId = localId, Sex = "1", DateOfBirth = new DateOnly(2009, 5, 4), Ethnicity = "WBRI", Stovewood = true });
        var (id, childRef) = (created.Id, created.Ref);
        Assert.DoesNotContain(localId, childRef);
        // Kept here: whether the identifier is known is read by the endpoint, not by the decision (ChildEpisodesTests has the rest).
        await Refused.ByRuleAsync(() => Children.RecordChildAsync(new RecordChildRequest { LocalId = localId, Sex = "1", DateOfBirth = new DateOnly(2009, 5, 4), Ethnicity = "WBRI" }),
            "child-already-recorded");

        await Children.RecordEpisodeAsync(id, Episode("2017-06-01", "S", "U4", "PR1") with { WeeklyCost = 450m });
        await Children.RecordEpisodeAsync(id, Episode("2017-09-01", "P", "K2", "PR4") with { WeeklyCost = 3500m });
        await Children.EndCareAsync(id, new EndCareRequest { EndedOn = new DateOnly(2018, 2, 1), ReasonEpisodeCeased = "E4A" });

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
        var episodes = await Children.ExportReturnFileAsync("2017-18", "episodes.csv");
        Assert.Contains($"{localId},01/06/2017,S,C2,N1,U4,PR1,01/09/2017,X1,", episodes);
        Assert.Contains($"{localId},01/09/2017,P,C2,N1,K2,PR4,01/02/2018,E4A,", episodes);
    }

    [Fact]
    public async Task An_out_of_authority_residential_placement_reaches_governance_s_decision_register()
    {
        var localId = LocalId();
        var (id, childRef) = await Children.RecordChildAsync(new RecordChildRequest { LocalId = localId, Sex = "2", DateOfBirth = new DateOnly(2004, 2, 1), Ethnicity = "WBRI" });
        var placed = await Children.RecordEpisodeAsync(id, Episode("2017-07-03", "S", "K2", "PR4") with
        {
            HomePostcode = "S60 1", PlacementPostcode = "LS6 1", WeeklyCost = 4200m,
            ApprovedBy = new PlacementApproval { Name = "Commissioner for children's social care", Authority = Authority.Commissioners },
        });
        var decisionId = placed.DecisionId!.Value;

        DecisionDetail? decision = null;
        await WaitUntilAsync(async () =>
        {
            try
            {
                decision = await System.Api<IGovernanceApi>().GetDecisionAsync(decisionId);
                return true;
            }
            catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), () => $"decision {decisionId} in governance's register");
        Assert.Equal("childrens-social-care", decision!.Function);
        Assert.Equal("children", decision.SourceService);
        Assert.Contains("LS6", decision.Summary);
        // What reached governance, as written on the wire, names no child.
        Assert.DoesNotContain(localId, await System.Gateway.GetStringAsync($"governance/api/decisions/{decisionId}"));

        // Linked to Operation Stovewood after the fact: the next event carries the flag.
        await Children.MarkStovewoodAsync(id, new StovewoodRequest(true));
        using var unflagged = await System.Gateway.PutAsJsonAsync($"children/api/children/{id}/stovewood", new { });
        Assert.Equal(HttpStatusCode.BadRequest, unflagged.StatusCode);

        // A placement inside the borough is not a decision for the register.
        var local = await Children.RecordEpisodeAsync(id, Episode("2017-10-02", "P", "K2", "PR1") with { HomePostcode = "S60 1", PlacementPostcode = "S61 2" });
        Assert.Null(local.DecisionId);
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

        List<FrontDoorContactView> open = [];
        await WaitUntilAsync(async () =>
        {
            open = await OpenForAsync(licence);
            return open.Count > 0;
        }, TimeSpan.FromSeconds(20), () => "the concern at the front door");
        await Task.Delay(500); // the redelivery, had it been taken, would be there by now
        open = await OpenForAsync(licence);
        var contact = Assert.Single(open);
        Assert.Equal((licence, "Revocation", "licensing"), (contact.LicenceReference, contact.Outcome, contact.Source));

        var worked = await Children.WorkContactAsync(contact.Id, new WorkContactRequest("MASH duty manager", "Checked against open cases; strategy discussion not needed"));
        Assert.Equal(("Closed", "MASH duty manager"), (worked.Status, worked.WorkedBy));
        Assert.Empty(await OpenForAsync(licence));
    }

    private IChildrenApi Children => System.Api<IChildrenApi>();

    /// <summary>The open front-door contacts about <paramref name="licence"/>.</summary>
    private async Task<List<FrontDoorContactView>> OpenForAsync(string licence) =>
        (await Children.ListFrontDoorAsync("Open")).Where(c => c.LicenceReference == licence).ToList();

    /// <summary>A new 903 episode in care (legal status C2, category of need N1).</summary>
    private static RecordEpisodeRequest Episode(string startedOn, string reason, string placementType, string provider) => new()
    {
        StartedOn = DateOnly.Parse(startedOn), ReasonForNewEpisode = reason, LegalStatus = "C2", CategoryOfNeed = "N1", PlacementType = placementType, PlacementProvider = provider,
    };

    /// <summary>A local identifier of this run's own (at most 10 characters, as the 903 allows).</summary>
    private static string LocalId() => $"C{Random.Shared.Next(1_000_000, 10_000_000)}";
}
