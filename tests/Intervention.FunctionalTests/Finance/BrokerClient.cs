using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using RabbitMQ.Client;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// Talks to the system's RabbitMQ the way another portfolio or an integrator would, with a plain AMQP client:
/// publishes contracts in MassTransit's JSON envelope on their exchange, and listens on a queue of its own bound to
/// an event's exchange. Nothing of finance's code runs in the test process.
/// </summary>
public sealed class BrokerClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private BrokerClient(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<BrokerClient> ConnectAsync(string uri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        return new BrokerClient(connection, await connection.CreateChannelAsync());
    }

    /// <summary>The contract conventions as MassTransit's envelope carries them: it writes decimals as JSON strings, to keep them exact.</summary>
    public static JsonSerializerOptions EnvelopeJson { get; } = new(ContractJson.Options) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    /// <summary>MassTransit's exchange for a contract: <c>Namespace:TypeName</c>.</summary>
    public static string ExchangeOf<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";

    /// <summary>Publishes <paramref name="message"/> with <paramref name="messageId"/> (the id a consumer's inbox dedupes on).</summary>
    public async Task PublishAsync<T>(T message, Guid messageId) where T : class
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId,
            messageType = new[] { $"urn:message:{ExchangeOf<T>()}" },
            sentTime = DateTimeOffset.UtcNow,
            message,
        }, ContractJson.Options);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = messageId.ToString() };
        await _channel.BasicPublishAsync(ExchangeOf<T>(), "", mandatory: true, properties, envelope);
    }

    /// <summary>A queue of the test's own, bound to <typeparamref name="T"/>'s exchange (declared as MassTransit declares it).</summary>
    public async Task<string> ListenAsync<T>()
    {
        await _channel.ExchangeDeclareAsync(ExchangeOf<T>(), ExchangeType.Fanout, durable: true);
        var queue = (await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await _channel.QueueBindAsync(queue, ExchangeOf<T>(), "");
        return queue;
    }

    /// <summary>The messages waiting in <paramref name="queue"/>, each as its envelope's <c>message</c>.</summary>
    public async Task<List<JsonElement>> DrainAsync(string queue)
    {
        var messages = new List<JsonElement>();
        while (await _channel.BasicGetAsync(queue, autoAck: true) is { } got)
            messages.Add(JsonDocument.Parse(Encoding.UTF8.GetString(got.Body.Span)).RootElement.GetProperty("message").Clone());
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
