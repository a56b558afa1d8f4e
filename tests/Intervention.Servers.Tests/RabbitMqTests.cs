using System.Text;
using RabbitMQ.Client;
using Xunit;

namespace Intervention.Servers.Tests;

public sealed class RabbitMqTests
{
    [Fact]
    public async Task Private_nodes_run_side_by_side_and_durable_messages_survive_a_restart()
    {
        var startA = LocalRabbitMq.StartAsync();
        var startB = LocalRabbitMq.StartAsync();
        await using var a = await startA;
        await using var b = await startB;

        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.NodeName, b.NodeName);
        Assert.Equal($"amqp://guest:guest@127.0.0.1:{a.Port}/", a.ConnectionString);
        Assert.True(a.IsRunning);

        await using (var connection = await ConnectAsync(a.ConnectionString))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await channel.QueueDeclareAsync("durable-orders", durable: true, exclusive: false, autoDelete: false);
            await PublishAsync(channel, "durable-orders", "first");
            await PublishAsync(channel, "durable-orders", "kept across the restart");
            var first = await channel.BasicGetAsync("durable-orders", autoAck: true);
            Assert.NotNull(first);
            Assert.Equal("first", Encoding.UTF8.GetString(first.Body.Span));
        }

        var port = a.Port;
        var node = Probes.TreeOf(a.ProcessId ?? throw new InvalidOperationException("no beam.smp pid"));
        Assert.Contains(node, p => p.Comm == "beam.smp");

        await a.StopAsync();

        Assert.False(a.IsRunning);
        Assert.Null(a.ProcessId);
        Assert.False(Probes.PortIsOpen(port), $"port {port} still open after StopAsync");
        Assert.True(Probes.StillAlive(node).Count == 0, $"left behind: {Probes.Describe(Probes.StillAlive(node))}");

        // The other node is untouched.
        await using (var connection = await ConnectAsync(b.ConnectionString))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
            await PublishAsync(channel, queue.QueueName, "to b");
            var got = await channel.BasicGetAsync(queue.QueueName, autoAck: true);
            Assert.Equal("to b", Encoding.UTF8.GetString(got!.Body.Span));
        }

        await a.StartAsync();

        Assert.Equal(port, a.Port);
        await using (var connection = await ConnectAsync(a.ConnectionString))
        await using (var channel = await connection.CreateChannelAsync())
        {
            var queue = await channel.QueueDeclarePassiveAsync("durable-orders");
            Assert.Equal(1u, queue.MessageCount);
            var kept = await channel.BasicGetAsync("durable-orders", autoAck: true);
            Assert.NotNull(kept);
            Assert.Equal("kept across the restart", Encoding.UTF8.GetString(kept.Body.Span));
            Assert.True(kept.BasicProperties.Persistent);
        }

        // rabbitmqctl reaches the node: same Erlang cookie, same node name.
        var queues = await a.RabbitMqCtlAsync(["list_queues", "name", "durable"]);
        Assert.Contains("durable-orders", queues);

        var folder = a.Folder;
        var running = Probes.TreeOf(a.ProcessId!.Value);
        await a.DisposeAsync();
        Assert.False(Directory.Exists(folder), $"{folder} still exists after DisposeAsync");
        Assert.False(Probes.PortIsOpen(port));
        Assert.True(Probes.StillAlive(running).Count == 0, $"left behind: {Probes.Describe(Probes.StillAlive(running))}");
    }

    [Fact]
    public async Task Shared_test_broker_is_one_per_process_and_not_stopped_by_dispose()
    {
        var first = await TestServers.SharedRabbitMqAsync();
        var second = await TestServers.SharedRabbitMqAsync();
        Assert.Same(first, second);
        await first.DisposeAsync();

        await using var connection = await ConnectAsync(second.ConnectionString);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await PublishAsync(channel, queue.QueueName, "shared");
        var got = await channel.BasicGetAsync(queue.QueueName, autoAck: true);
        Assert.Equal("shared", Encoding.UTF8.GetString(got!.Body.Span));

        // An external broker (here: the shared node's URI) is never stopped by its wrapper.
        await RabbitMqServer.External(second.ConnectionString).DisposeAsync();
        Assert.True(Probes.PortIsOpen(new Uri(second.ConnectionString).Port));
    }

    [Fact]
    public async Task A_node_that_does_not_start_in_time_fails_with_its_log_and_leaves_nothing_behind()
    {
        var root = Path.Combine("/tmp", "servers-tests-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() =>
                LocalRabbitMq.StartNewAsync(new LocalRabbitMqOptions { RootFolder = root, StartTimeout = TimeSpan.FromMilliseconds(1) }));

            Assert.Contains("did not become ready within", error.Message);
            Assert.Contains("Last lines of its logs", error.Message);
            await Probes.AssertNothingLeftAsync(root);
        }
        finally
        {
            // Not created when the server is missing: do not mask that failure with our own.
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_install_fails_naming_the_file_and_the_package()
    {
        var error = await Assert.ThrowsAsync<ServerNotInstalledException>(() =>
            LocalRabbitMq.StartNewAsync(new LocalRabbitMqOptions { BinFolder = "/nonexistent/rabbitmq/bin" }));

        Assert.Contains("/nonexistent/rabbitmq/bin/rabbitmq-server", error.Message);
        Assert.Contains("apt-get install -y rabbitmq-server", error.Message);
    }

    private static Task<IConnection> ConnectAsync(string uri) =>
        new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();

    private static async Task PublishAsync(IChannel channel, string queue, string text) =>
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(text));
}
