using Intervention.Contracts.Finance.Http;
using Intervention.FunctionalTests.Finance;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Reliability;

/// <summary>
/// A poison message: an event the consumer cannot process goes to its _error queue after the retries, the consumer goes on
/// with the others, and once the fix is deployed the message is replayed from the _error queue (docs/runbook.md) and has
/// its effect once. On the system with its own settings, where the fix is deployed (finance restarted with a unit cost
/// for the new placement type) and taken back afterwards; the test counts its own children's effects.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class PoisonMessageTests(OwnSettingsSystem own, ITestOutputHelper output) : PoisonMessageCases(own.System, output);

/// <summary>
/// The same with two finance instances: the fix is deployed to both, and stays: no other test on this system sends a Q9
/// placement, and taking the fix back restarted two finance instances for nothing (issue 19: ./test no slower).
/// </summary>
[Collection(TwoReplicasSystem.Name)]
public sealed class PoisonMessageWithTwoReplicasTests(TwoReplicasSystem two, ITestOutputHelper output) : PoisonMessageCases(two.System, output)
{
    protected override bool OtherTestsNeedQ9Uncosted => false;
}

/// <summary>The test of <see cref="PoisonMessageTests"/>, run on each system that derives a class from it.</summary>
public abstract class PoisonMessageCases(AspireSystem system, ITestOutputHelper output)
{
    private const string Queue = "finance-children-placements";

    /// <summary>Whether a test on this system relies on finance having no unit cost for Q9 (DemandLedForecastTests does), so the fix is taken back.</summary>
    protected virtual bool OtherTestsNeedQ9Uncosted => true;

    [Fact]
    public async Task An_event_finance_cannot_cost_waits_in_the_error_queue_while_others_go_on_and_is_replayed_after_the_fix()
    {
        var run = DemandLedForecastTests.Tag();
        var spells = $"SELECT count(*) FROM placement_spells WHERE child_ref LIKE '{run}-%'";
        // The error queue is the system's: another test's poison may already wait there (and stays).
        var errorsBefore = await system.MessagesInQueueAsync(Queue + "_error");
        var poison = DemandLedForecastTests.Entered($"{run}-poison", "Q9");
        await using (var broker = await BrokerClient.ConnectAsync(await system.ConnectionStringAsync("messaging")))
        {
            // A placement type finance has no unit cost for, between events it can cost.
            await broker.PublishAsync(DemandLedForecastTests.Entered($"{run}-before", "K2"), Guid.NewGuid());
            await broker.PublishAsync(poison, poison.EventId);
            await broker.PublishAsync(DemandLedForecastTests.Entered($"{run}-after-1", "K2"), Guid.NewGuid());
            await broker.PublishAsync(DemandLedForecastTests.Entered($"{run}-after-2", "U4"), Guid.NewGuid());
        }
        await WaitUntilAsync(async () => await system.MessagesInQueueAsync(Queue + "_error") == errorsBefore + 1, TimeSpan.FromSeconds(60),
            () => $"the poison message never reached {Queue}_error.\n{system.Logs("finance")}");
        await WaitUntilAsync(async () => await system.CountAsync("finance", spells) == 3, TimeSpan.FromSeconds(60),
            () => $"the consumer did not go on with the other events.\n{system.Logs("finance")}");

        // The fix: finance learns a unit cost for Q9 (configuration), deployed by restarting the service.
        await system.RedeployAsync("finance", new Dictionary<string, string>
        {
            ["Forecast__UnitCosts__Types__Q9__Description"] = "A placement type added for the test",
            ["Forecast__UnitCosts__Types__Q9__Weekly"] = "1000",
        });
        try
        {
            // Deployed means every finance instance consumes again: Aspire calls a service with replicas healthy when its first
            // instance is, and a loaded machine starts the second well after (a replay with none consuming waits unseen).
            await WaitUntilAsync(async () => await system.ConsumersOfQueueAsync(Queue) >= system.Replicas, TimeSpan.FromMinutes(2),
                () => $"finance's {system.Replicas} instance(s) did not all consume {Queue} again after the fix.\n{system.Logs("finance")}");
            // The replay, as the runbook says: move the message from the _error queue back to the consumer's queue.
            // Only this test's message is moved; any other waiting there is put back as it was.
            var factory = new ConnectionFactory { Uri = new Uri(await system.ConnectionStringAsync("messaging")) };
            await using (var connection = await factory.CreateConnectionAsync())
            await using (var channel = await connection.CreateChannelAsync())
            {
                var replayed = false;
                for (var i = 0; i <= errorsBefore && !replayed; i++)
                {
                    var message = await channel.BasicGetAsync(Queue + "_error", autoAck: false);
                    Assert.NotNull(message);
                    if (message!.BasicProperties.MessageId != poison.EventId.ToString()) continue; // left unacknowledged: requeued when the channel closes
                    var properties = new BasicProperties(message.BasicProperties);
                    await channel.BasicPublishAsync("", Queue, mandatory: true, properties, message.Body);
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
                    replayed = true;
                }
                Assert.True(replayed, $"the poison message {poison.EventId} was not in {Queue}_error");
            }
            await WaitUntilAsync(async () => await system.CountAsync("finance", spells) == 4, TimeSpan.FromSeconds(60),
                () => $"the replayed message had no effect.\n{system.Logs("finance")}");
            await WaitUntilAsync(async () => await system.MessagesInQueueAsync(Queue + "_error") == errorsBefore, TimeSpan.FromSeconds(10),
                () => $"{Queue}_error does not hold what it held before the test");
            var forecast = await system.Api<IFinanceApi>().GetChildrenPlacementForecastAsync("2017/18");
            Assert.Equal(1, forecast.PlacementTypes.Single(t => t.PlacementType == "Q9").Children);
            Assert.Equal(1, await system.CountAsync("finance", $"SELECT count(*) FROM inbox_messages WHERE message_id = '{poison.EventId}'"));
            output.WriteLine("poison message: to the _error queue after the retries, 3 others processed meanwhile, replayed after the fix with one effect");
        }
        finally
        {
            // As built again: the other tests on this system expect no unit cost for Q9.
            if (OtherTestsNeedQ9Uncosted) await system.RedeployAsync("finance", new Dictionary<string, string>());
        }
    }
}
