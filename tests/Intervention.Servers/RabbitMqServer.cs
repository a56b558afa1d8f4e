namespace Intervention.Servers;

/// <summary>
/// A RabbitMQ broker to use: either an existing one named by a connection string, or a private
/// <see cref="LocalRabbitMq"/>. Disposing it stops only a private node it owns.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private readonly bool ownsLocal;

    private RabbitMqServer(string connectionString, LocalRabbitMq? local, bool ownsLocal)
    {
        ConnectionString = connectionString;
        Local = local;
        this.ownsLocal = ownsLocal;
    }

    /// <summary>AMQP URI (amqp://user:password@host:port/vhost).</summary>
    public string ConnectionString { get; }

    /// <summary>The private node behind this server (to stop or restart it in a test); null for an external broker.</summary>
    public LocalRabbitMq? Local { get; }

    /// <summary>True when this is a broker that something else started.</summary>
    public bool IsExternal => Local is null;

    /// <summary>An existing broker; disposing does nothing to it.</summary>
    public static RabbitMqServer External(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new ArgumentException($"Not an amqp:// or amqps:// URI: '{connectionString}'.", nameof(connectionString));
        return new RabbitMqServer(connectionString, null, ownsLocal: false);
    }

    /// <summary>A private node; disposing the server disposes the node when <paramref name="ownsLocal"/> is true.</summary>
    public static RabbitMqServer ForLocal(LocalRabbitMq local, bool ownsLocal = true)
    {
        ArgumentNullException.ThrowIfNull(local);
        return new RabbitMqServer(local.ConnectionString, local, ownsLocal);
    }

    /// <summary>Stops and deletes the private node if this server owns it.</summary>
    public ValueTask DisposeAsync() => ownsLocal && Local is not null ? Local.DisposeAsync() : ValueTask.CompletedTask;
}
