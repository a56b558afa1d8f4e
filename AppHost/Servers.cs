using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Intervention.AppHost;

/// <summary>
/// RabbitMQ (<c>messaging</c>) and PostgreSQL (one database per service, <c>&lt;svc&gt;db</c>), however they are provided:
/// existing servers named by <c>ConnectionStrings__messaging</c> / <c>ConnectionStrings__postgres</c>; Aspire's own
/// containers; or Debian's binaries as executables (this workplace has no container runtime). Services see the same
/// connection strings either way.
/// </summary>
public sealed class Servers
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly Func<string, string, IResourceBuilder<IResourceWithConnectionString>> _database;
    private readonly IResourceBuilder<IResource>[] _waitFor;
    private readonly IResourceBuilder<ParameterResource>? _appPassword;

    private Servers(IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> messaging,
        Func<string, string, IResourceBuilder<IResourceWithConnectionString>> database, IResourceBuilder<IResource>[] waitFor,
        IResourceBuilder<ParameterResource>? appPassword = null)
    {
        _builder = builder;
        Messaging = messaging;
        _database = database;
        _waitFor = waitFor;
        _appPassword = appPassword;
    }

    /// <summary>The broker's connection string, <c>ConnectionStrings__messaging</c> for the services.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public static Servers Add(IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var givenBroker = builder.Configuration.GetConnectionString("messaging");
        var givenPostgres = builder.Configuration.GetConnectionString("postgres");
        var messaging = givenBroker is { Length: > 0 } ? builder.AddConnectionString("messaging") : null;
        Console.WriteLine($"servers: {(settings.Servers == ServerKind.Containers ? "containers" : "local executables")} ({settings.ServersReason})"
            + (messaging is not null ? "; RabbitMQ from ConnectionStrings__messaging" : "")
            + (givenPostgres is { Length: > 0 } ? "; PostgreSQL from ConnectionStrings__postgres" : ""));

        List<IResourceBuilder<IResource>> waitFor = [];
        Func<string, string, IResourceBuilder<IResourceWithConnectionString>> database;
        IResourceBuilder<ParameterResource>? appPassword = null;

        if (settings.Servers == ServerKind.Containers)
        {
            // Aspire's own integrations, nothing of ours: official images, data in named volumes.
            if (messaging is null)
            {
                var rabbit = builder.AddRabbitMQ("messaging").WithDataVolume();
                waitFor.Add(rabbit.AsResource());
                messaging = rabbit;
            }
            if (givenPostgres is { Length: > 0 }) database = External(builder, givenPostgres);
            else
            {
                var postgres = builder.AddPostgres("postgres").WithDataVolume();
                waitFor.Add(postgres.AsResource());
                database = (name, db) => postgres.AddDatabase(name, db);
                appPassword = builder.AddParameter("database-app-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
            }
        }
        else
        {
            if (messaging is null)
            {
                var rabbit = LocalRabbitMq.Add(builder, Path.Combine(settings.DataFolder, "rabbitmq"));
                waitFor.Add(rabbit.AsResource());
                messaging = builder.AddConnectionString("messaging",
                    ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{rabbit.GetEndpoint("amqp").Property(EndpointProperty.Port)}/"));
            }
            if (givenPostgres is { Length: > 0 }) database = External(builder, givenPostgres);
            else
            {
                var postgres = LocalPostgres.Add(builder, Path.Combine(settings.DataFolder, "postgres"));
                waitFor.Add(postgres.AsResource());
                var port = postgres.GetEndpoint("tcp").Property(EndpointProperty.Port);
                // The service's schema migrator creates its database when it is missing.
                database = (name, db) => builder.AddConnectionString(name, ReferenceExpression.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database={db}"));
            }
        }
        return new Servers(builder, messaging, database, [.. waitFor], appPassword);
    }

    /// <summary>Gives <paramref name="service"/> the broker and its own database, and waits for both servers.</summary>
    public IResourceBuilder<ProjectResource> Connect(IResourceBuilder<ProjectResource> service, string name)
    {
        service.WithReference(Messaging).WithReference(_database($"{name}db", name));
        foreach (var server in _waitFor) service.WaitFor(server);
        // In containers, PostgreSQL asks for passwords: the application role gets one of its own.
        if (_appPassword is not null) service.WithEnvironment("Database__AppPassword", _appPassword);
        return service;
    }

    private static Func<string, string, IResourceBuilder<IResourceWithConnectionString>> External(IDistributedApplicationBuilder builder, string server) =>
        (name, db) => builder.AddConnectionString(name, ReferenceExpression.Create($"{new NpgsqlConnectionStringBuilder(server) { Database = db }.ConnectionString}"));
}

internal static class ResourceBuilderCasts
{
    public static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResource>(builder.Resource);
}

/// <summary>
/// Debian's RabbitMQ as executables: a private epmd (so nothing outlives the run) and the node, on 127.0.0.1, with ports
/// DCP picks and hands over in the variables RabbitMQ reads. Ready when the port answers AMQP's header with
/// Connection.Start: a TCP connect succeeds seconds before the node takes connections.
/// </summary>
internal static class LocalRabbitMq
{
    private const string Bin = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static IResourceBuilder<ExecutableResource> Add(IDistributedApplicationBuilder builder, string folder)
    {
        ServerFolder.Prepare(folder, "rabbitmq", Bin, "rabbitmq-server");
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(folder, "rabbitmq-env.conf"), "");
        File.WriteAllText(Path.Combine(folder, "rabbitmq.conf"), "log.console = true\nlog.console.level = warning\nlog.file = false\n");
        ServerFolder.HandOver(folder, "rabbitmq");

        var epmd = builder.AddExecutable("epmd", "epmd", folder, "-address", "127.0.0.1")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "ERL_EPMD_PORT", isProxied: false);
        var rabbit = ServerFolder.AsUser(builder.AddExecutable("rabbitmq", Bin, folder), "rabbitmq", Bin)
            .WithEndpoint(name: "amqp", scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEndpoint(name: "dist", scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEnvironment("ERL_EPMD_PORT", epmd.GetEndpoint("tcp").Property(EndpointProperty.TargetPort))
            .WithEnvironment("HOME", folder)
            .WithEnvironment("RABBITMQ_NODENAME", "intervention@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(folder, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(folder, "log"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(folder, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(folder, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(folder, "rabbitmq.conf"))
            // The distribution port would otherwise listen on every interface.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
            .WaitFor(epmd)
            .WithParentRelationship(epmd.Resource)
            .WithHealthCheck("rabbitmq-amqp");
        var amqp = rabbit.GetEndpoint("amqp");
        builder.Services.AddHealthChecks().AddAsyncCheck("rabbitmq-amqp", ct => AnswersAmqpAsync(amqp.Port, ct));
        return rabbit;
    }

    private static async Task<HealthCheckResult> AnswersAmqpAsync(int port, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, port, limit.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), limit.Token);
            var frame = new byte[7];
            await stream.ReadExactlyAsync(frame, limit.Token);
            // A method frame on channel 0: Connection.Start.
            return frame[0] == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not an AMQP 0-9-1 answer");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"AMQP not answering on 127.0.0.1:{port}: {e.Message}");
        }
    }
}

/// <summary>
/// Debian's PostgreSQL as executables: a one-shot initdb (skipped when the cluster exists) and the server on 127.0.0.1,
/// trusting loopback, built for development and tests rather than durability (fsync off). Ready when it answers SQL.
/// </summary>
internal static class LocalPostgres
{
    public static IResourceBuilder<ExecutableResource> Add(IDistributedApplicationBuilder builder, string folder)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => decimal.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        ServerFolder.Prepare(folder, "postgres", bin is null ? "/usr/lib/postgresql/<version>/bin/initdb" : Path.Combine(bin, "initdb"), "postgresql");
        ServerFolder.HandOver(folder, "postgres");
        var data = Path.Combine(folder, "data");

        var initdb = ServerFolder.AsUser(builder.AddExecutable("postgres-initdb", "/bin/sh", folder), "postgres", "/bin/sh")
            .WithArgs("-c", $"test -f '{data}/PG_VERSION' || exec '{bin}/initdb' -D '{data}' -A trust -U postgres -E UTF8 --locale=C --no-sync");
        var postgres = ServerFolder.AsUser(builder.AddExecutable("postgres", Path.Combine(bin!, "postgres"), folder), "postgres", Path.Combine(bin!, "postgres"))
            .WithArgs("-D", data, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "PGPORT", isProxied: false)
            .WaitForCompletion(initdb)
            .WithHealthCheck("postgres-sql");
        initdb.WithParentRelationship(postgres.Resource);
        var tcp = postgres.GetEndpoint("tcp");
        builder.Services.AddHealthChecks().AddAsyncCheck("postgres-sql", async ct =>
        {
            try
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={tcp.Port};Username=postgres;Database=postgres;Pooling=false;Timeout=2");
                await connection.OpenAsync(ct);
                await new NpgsqlCommand("SELECT 1", connection).ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy($"PostgreSQL not answering on 127.0.0.1:{tcp.Port}: {e.Message}");
            }
        });
        return postgres;
    }
}

/// <summary>A server's data folder, owned by the server's OS user when the AppHost runs as root (the servers refuse root).</summary>
internal static class ServerFolder
{
    private static bool IsRoot => Environment.UserName == "root";

    public static void Prepare(string folder, string name, string binary, string package)
    {
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{name}: {binary} is missing. Install it with `apt-get install -y {package}` (./run and ./test do), or run with --servers containers.");
        Directory.CreateDirectory(folder);
    }

    public static void HandOver(string folder, string user)
    {
        if (!IsRoot) return;
        Run("chown", "-R", $"{user}:", folder);
        if (Run("runuser", "-u", user, "--", "test", "-w", folder) != 0)
            throw new InvalidOperationException($"The OS user '{user}' cannot write to {folder}: every folder above it must be searchable by others (chmod o+x), or set INTERVENTION_APPHOST_DATA to a folder under /tmp.");
    }

    /// <summary>As root, runs <paramref name="binary"/> as <paramref name="user"/> through setpriv, which keeps the environment DCP sets.</summary>
    public static IResourceBuilder<ExecutableResource> AsUser(IResourceBuilder<ExecutableResource> resource, string user, string binary)
    {
        if (!IsRoot) return resource;
        resource.WithCommand("setpriv");
        return resource.WithArgs(context =>
        {
            context.Args.Insert(0, binary);
            context.Args.Insert(0, "--init-groups");
            context.Args.Insert(0, $"--regid={user}");
            context.Args.Insert(0, $"--reuid={user}");
        });
    }

    private static int Run(params string[] command)
    {
        var start = new System.Diagnostics.ProcessStartInfo(command[0]) { RedirectStandardError = true };
        foreach (var arg in command[1..]) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
