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
public sealed record Servers(IResourceBuilder<IResourceWithConnectionString> Messaging, Func<string, IResourceBuilder<IResourceWithConnectionString>> Database,
    IReadOnlyList<IResourceBuilder<IResource>> WaitFor, IResourceBuilder<ParameterResource>? AppPassword)
{
    public static Servers Add(IDistributedApplicationBuilder builder, AppHostSettings settings, string brokerSecret)
    {
        var givenBroker = builder.Configuration.GetConnectionString("messaging") is { Length: > 0 };
        var givenPostgres = builder.Configuration.GetConnectionString("postgres");
        var containers = settings.Servers == ServerKind.Containers;
        Console.WriteLine($"servers: {(containers ? "containers" : "local executables")} ({settings.ServersReason})"
            + (givenBroker ? "; RabbitMQ from ConnectionStrings__messaging" : "")
                + (givenPostgres is { Length: > 0 } ? "; PostgreSQL from ConnectionStrings__postgres" : ""));
        List<IResourceBuilder<IResource>> waitFor = [];
        IResourceBuilder<ParameterResource>? appPassword = null;

        // Containers: Aspire's own integrations, nothing of ours (official images, data in named volumes).
        IResourceBuilder<IResourceWithConnectionString> messaging;
        if (givenBroker) messaging = builder.AddConnectionString("messaging");
        else if (containers) messaging = Wait(builder.AddRabbitMQ("messaging").WithDataVolume());
        else
        {
            var rabbit = Wait(LocalServers.AddRabbitMq(builder, Path.Combine(settings.DataFolder, "rabbitmq"), brokerSecret));
            var amqp = rabbit.GetEndpoint("amqp").Property(EndpointProperty.Port);
            messaging = builder.AddConnectionString("messaging", ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{amqp}/"));
        }

        Func<string, IResourceBuilder<IResourceWithConnectionString>> database;
        if (givenPostgres is { Length: > 0 })
            database = db => builder.AddConnectionString($"{db}db",
                ReferenceExpression.Create($"{new NpgsqlConnectionStringBuilder(givenPostgres) { Database = db }.ConnectionString}"));
        else if (containers)
        {
            var postgres = Wait(builder.AddPostgres("postgres").WithDataVolume());
            database = db => postgres.AddDatabase($"{db}db", db);
            // In containers PostgreSQL asks for passwords: the application role gets one of its own.
            appPassword = builder.AddParameter("database-app-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true,
                persist: true);
        }
        else
        {
            var postgres = Wait(LocalServers.AddPostgres(builder, Path.Combine(settings.DataFolder, "postgres")));
            var port = postgres.GetEndpoint("tcp").Property(EndpointProperty.Port);
            // The service's schema migrator creates its database when it is missing.
            database = db => builder.AddConnectionString($"{db}db", ReferenceExpression.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database={db}"));
        }
        return new Servers(messaging, database, waitFor, appPassword);

        IResourceBuilder<T> Wait<T>(IResourceBuilder<T> server) where T : IResource
        {
            waitFor.Add(builder.CreateResourceBuilder<IResource>(server.Resource));
            return server;
        }
    }

    /// <summary>Gives <paramref name="service"/> the broker and its own database (<c>&lt;name&gt;db</c>), and waits for the servers.</summary>
    public IResourceBuilder<ProjectResource> Connect(IResourceBuilder<ProjectResource> service, string name)
    {
        service.WithReference(Messaging).WithReference(Database(name));
        foreach (var server in WaitFor) service.WaitFor(server);
        if (AppPassword is not null) service.WithEnvironment("Database__AppPassword", AppPassword);
        return service;
    }
}

/// <summary>
/// Debian's RabbitMQ and PostgreSQL as executables, on 127.0.0.1, with ports DCP picks and hands over in the variables
/// the servers read, data under the AppHost's data folder, run as the servers' own OS users when the AppHost is root
/// (both refuse root; setpriv keeps the environment DCP sets). Health checks speak the protocol: a TCP connect succeeds
/// seconds before RabbitMQ takes connections.
/// </summary>
internal static class LocalServers
{
    private static readonly bool IsRoot = Environment.UserName == "root";

    /// <summary>
    /// A private epmd (so nothing outlives the run) and the node, loading the integrators' audience users at each boot;
    /// ready when AMQP's header gets Connection.Start.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddRabbitMq(IDistributedApplicationBuilder builder, string folder, string secret)
    {
        const string bin = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        Prepare(folder, "rabbitmq", bin, "rabbitmq-server", new()
        {
            ["enabled_plugins"] = "[].\n",
            ["rabbitmq-env.conf"] = "",
            ["rabbitmq.conf"] = $"log.console = true\nlog.console.level = warning\nlog.file = false\nload_definitions = {folder}/definitions.json\n",
            ["definitions.json"] = Intervention.BrokerUsers.AudienceUsers.Definitions(secret),
        });
        var epmd = builder.AddExecutable("epmd", "epmd", folder, "-address", "127.0.0.1")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "ERL_EPMD_PORT", isProxied: false);
        var rabbit = Executable(builder, "rabbitmq", bin, folder, "rabbitmq")
            .WithEndpoint(name: "amqp", scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEndpoint(name: "dist", scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEnvironment("ERL_EPMD_PORT", epmd.GetEndpoint("tcp").Property(EndpointProperty.TargetPort))
            .WithEnvironment(context =>
            {
                foreach (var (name, value) in new Dictionary<string, string>
                {
                    ["HOME"] = folder, // the Erlang cookie
                    ["RABBITMQ_NODENAME"] = "intervention@localhost",
                    ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
                    ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
                    ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
                    ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
                    ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder, "rabbitmq-env.conf"),
                    ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq.conf"),
                    ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}", // distribution on loopback only
                    ["ERL_FLAGS"] = "-start_epmd false", // no erl may start an epmd -daemon (one outlived a loaded run); a node up first fails and restarts
                }) context.EnvironmentVariables[name] = value;
            })
            .WaitFor(epmd).WithParentRelationship(epmd.Resource).WithHealthCheck("rabbitmq-amqp").WithRestartOnCrash();
        var amqp = rabbit.GetEndpoint("amqp");
        builder.Services.AddHealthChecks().AddAsyncCheck("rabbitmq-amqp", async ct =>
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, amqp.Port, ct);
            await client.GetStream().WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), ct);
            var frame = new byte[7];
            await client.GetStream().ReadExactlyAsync(frame, ct);
            return frame[0] == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not an AMQP 0-9-1 answer"); // a method frame on channel 0
        }, timeout: TimeSpan.FromSeconds(2));
        return rabbit;
    }

    /// <summary>
    /// A one-shot initdb (skipped when the cluster exists) and the server, trusting loopback, fsync off (development
    /// and tests); ready when it answers SQL.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddPostgres(IDistributedApplicationBuilder builder, string folder)
    {
        var bin = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d.Length).ThenByDescending(d => d).FirstOrDefault()
            ?? "/usr/lib/postgresql/<version>/bin";
        Prepare(folder, "postgres", Path.Combine(bin, "initdb"), "postgresql", []);
        var data = Path.Combine(folder, "data");
        var initdb = Executable(builder, "postgres-initdb", "/bin/sh", folder, "postgres")
            .WithArgs("-c", $"test -f '{data}/PG_VERSION' || exec '{bin}/initdb' -D '{data}' -A trust -U postgres -E UTF8 --locale=C --no-sync");
        // DCP stops an executable with SIGTERM, which PostgreSQL takes as a smart shutdown: it waits for every client to leave,
        // the services' pooled connections never do, and DCP kills it after about 6 s (unclean, and 13-15 s in all, beyond what
        // Aspire's stop command waits on a loaded machine). The shell hands PostgreSQL SIGINT instead, a fast shutdown (pg_ctl's
        // default, 0.4 s here), then SIGQUIT, an immediate one, if it is not down within 3 s: DCP's kill would reach the shell,
        // not PostgreSQL, and DCP loses track of a run that outlives its wait. The shell exits with PostgreSQL's status.
        const string fastShutdown = "trap 'kill -INT $pid; (i=0; while [ $i -lt 30 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i+1)); done; "
            + "kill -QUIT $pid 2>/dev/null) &' TERM INT; "
            + "\"$0\" \"$@\" & pid=$!; wait $pid; status=$?; while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done; exit $status";
        var postgres = Executable(builder, "postgres", "/bin/sh", folder, "postgres")
            .WithArgs("-c", fastShutdown, Path.Combine(bin, "postgres"), "-D", data,
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "PGPORT", isProxied: false)
            .WaitForCompletion(initdb).WithHealthCheck("postgres-sql");
        initdb.WithParentRelationship(postgres.Resource);
        var tcp = postgres.GetEndpoint("tcp");
        builder.Services.AddHealthChecks().AddAsyncCheck("postgres-sql", async ct =>
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={tcp.Port};Username=postgres;Database=postgres;Pooling=false;Timeout=2");
            await connection.OpenAsync(ct);
            await new NpgsqlCommand("SELECT 1", connection).ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }, timeout: TimeSpan.FromSeconds(3));
        return postgres;
    }

    private static IResourceBuilder<ExecutableResource> Executable(IDistributedApplicationBuilder builder, string name, string binary, string folder,
        string user) =>
        IsRoot
            ? builder.AddExecutable(name, "setpriv", folder, $"--reuid={user}", $"--regid={user}", "--init-groups", binary)
            : builder.AddExecutable(name, binary, folder);

    /// <summary>The server's folder with its files, handed to the server's user when the AppHost is root.</summary>
    private static void Prepare(string folder, string user, string binary, string package, Dictionary<string, string> files)
    {
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{binary} is missing. Install it with `apt-get install -y {package}` (./run and ./test do), or " +
                $"run with --servers containers.");
        Directory.CreateDirectory(folder);
        foreach (var (file, text) in files) File.WriteAllText(Path.Combine(folder, file), text);
        if (IsRoot && (Run("chown", "-R", $"{user}:", folder) != 0 || Run("runuser", "-u", user, "--", "test", "-w", folder) != 0))
            throw new InvalidOperationException($"The OS user '{user}' cannot write to {folder}: every folder above it must be searchable by " +
                $"others (chmod o+x), or set INTERVENTION_APPHOST_DATA to a folder under /tmp.");
    }

    private static int Run(params string[] command)
    {
        var info = new System.Diagnostics.ProcessStartInfo(command[0], command[1..]) { RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
