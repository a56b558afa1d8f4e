namespace Intervention.Servers;

/// <summary>
/// Servers for tests: the ones named by INTERVENTION_TEST_RABBITMQ (an amqp:// URI) and INTERVENTION_TEST_POSTGRES
/// (an Npgsql connection string whose user may CREATE DATABASE) when set, else private ones started here.
/// </summary>
public static class TestServers
{
    /// <summary>Environment variable naming an existing RabbitMQ broker.</summary>
    public const string RabbitMqVariable = "INTERVENTION_TEST_RABBITMQ";

    /// <summary>Environment variable naming an existing PostgreSQL server.</summary>
    public const string PostgresVariable = "INTERVENTION_TEST_POSTGRES";

    // Started once per process on first use; a failure is kept too, so a broken install fails every test fast
    // with the same message instead of each test waiting for its own timeout.
    private static readonly Lazy<Task<RabbitMqServer>> SharedRabbitMq = new(() => CreateRabbitMqAsync(shared: true, CancellationToken.None));
    private static readonly Lazy<Task<PostgresServer>> SharedPostgres = new(() => CreatePostgresAsync(shared: true, CancellationToken.None));

    /// <summary>A broker of its own (or the external one); dispose it when done.</summary>
    public static Task<RabbitMqServer> RabbitMqAsync(CancellationToken ct = default) => CreateRabbitMqAsync(shared: false, ct);

    /// <summary>A server of its own (or the external one); dispose it when done.</summary>
    public static Task<PostgresServer> PostgresAsync(CancellationToken ct = default) => CreatePostgresAsync(shared: false, ct);

    /// <summary>
    /// One broker for the whole test process, started on first use and killed when the process exits; disposing
    /// the returned object does nothing. Tests sharing it must use their own queue and exchange names.
    /// </summary>
    public static Task<RabbitMqServer> SharedRabbitMqAsync(CancellationToken ct = default) => SharedRabbitMq.Value.WaitAsync(ct);

    /// <summary>
    /// One PostgreSQL server for the whole test process, started on first use and killed when the process exits;
    /// disposing the returned object does nothing. Tests sharing it should each use their own database.
    /// </summary>
    public static Task<PostgresServer> SharedPostgresAsync(CancellationToken ct = default) => SharedPostgres.Value.WaitAsync(ct);

    private static async Task<RabbitMqServer> CreateRabbitMqAsync(bool shared, CancellationToken ct)
    {
        var external = Environment.GetEnvironmentVariable(RabbitMqVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            try
            {
                return RabbitMqServer.External(external);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{RabbitMqVariable} is set but invalid: {e.Message}", e);
            }
        }
        return RabbitMqServer.ForLocal(await LocalRabbitMq.StartAsync(ct: ct).ConfigureAwait(false), ownsLocal: !shared);
    }

    private static async Task<PostgresServer> CreatePostgresAsync(bool shared, CancellationToken ct)
    {
        var external = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            try
            {
                return PostgresServer.External(external);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{PostgresVariable} is set but invalid: {e.Message}", e);
            }
        }
        return PostgresServer.ForLocal(await LocalPostgres.StartAsync(ct: ct).ConfigureAwait(false), ownsLocal: !shared);
    }
}
