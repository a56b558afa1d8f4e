using System.Net;
using System.Net.Sockets;
using Intervention.Servers.Internal;

namespace Intervention.Servers;

/// <summary>Options for a private RabbitMQ node; the defaults suit tests.</summary>
public sealed record LocalRabbitMqOptions
{
    /// <summary>Folder under which the node's own folder is created; default /tmp/intervention-servers.</summary>
    public string? RootFolder { get; init; }

    /// <summary>Where the Debian package puts rabbitmq-server and rabbitmqctl.</summary>
    public string BinFolder { get; init; } = "/usr/lib/rabbitmq/bin";

    /// <summary>AMQP port on 127.0.0.1; null picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Erlang distribution port (used by rabbitmqctl); null picks a free one.</summary>
    public int? DistributionPort { get; init; }

    /// <summary>How long a start may take before it fails with the log's tail.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// A private RabbitMQ node from the Debian package: its own folder, node name and ports, on 127.0.0.1 only,
/// user guest/guest. Several can run at once. Dispose it to stop it and delete its folder.
/// </summary>
public sealed class LocalRabbitMq : LocalServer
{
    private const string OsUser = "rabbitmq";
    private readonly LocalRabbitMqOptions options;

    private LocalRabbitMq(LocalRabbitMqOptions options, string folder, int port, int distributionPort)
        : base(folder, Path.Combine(folder, "stdout.log"))
    {
        this.options = options;
        Port = port;
        DistributionPort = distributionPort;
        NodeName = $"{Path.GetFileName(folder)}@localhost";
    }

    /// <summary>AMQP URI of the node.</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>AMQP port on 127.0.0.1, kept across <see cref="LocalServer.StopAsync"/> and <see cref="LocalServer.StartAsync(CancellationToken)"/>.</summary>
    public int Port { get; }

    /// <summary>Erlang distribution port, also bound to 127.0.0.1 only.</summary>
    public int DistributionPort { get; }

    /// <summary>Erlang node name, unique per instance (for rabbitmqctl -n).</summary>
    public string NodeName { get; }

    /// <summary>The node's main log file.</summary>
    public string LogFile => Path.Combine(Folder, "log", NodeName + ".log");

    /// <summary>Process id of the node's Erlang VM (beam.smp) while it runs.</summary>
    public override int? ProcessId => Process.ProcessGroup is { } group
        ? ProcFs.LiveGroupMembers(group).Where(p => p.Comm == "beam.smp").OrderBy(p => p.StartTime).Select(p => (int?)p.Pid).FirstOrDefault()
        : null;

    /// <summary>Starts a private node on free ports; the task completes when it accepts AMQP connections.</summary>
    public static Task<LocalRabbitMq> StartAsync(string? rootFolder = null, CancellationToken ct = default) =>
        StartNewAsync(new LocalRabbitMqOptions { RootFolder = rootFolder }, ct);

    /// <summary>Starts a private node with explicit options.</summary>
    public static async Task<LocalRabbitMq> StartNewAsync(LocalRabbitMqOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = Path.Combine(options.BinFolder, "rabbitmq-server");
        if (!File.Exists(server)) throw new ServerNotInstalledException("RabbitMQ", server, "rabbitmq-server");

        return await StartNewInstanceAsync(() =>
        {
            var port = options.Port ?? FreePorts.Pick();
            var distributionPort = options.DistributionPort ?? FreePorts.Pick(port);
            return new LocalRabbitMq(options, ServerFolders.CreateInstanceFolder(options.RootFolder, "rabbitmq"), port, distributionPort);
        }, portsFixed: options.Port is not null || options.DistributionPort is not null, ct).ConfigureAwait(false);
    }

    /// <summary>Starts the node again on the same port with the same data; no-op if it runs.</summary>
    // Declared here as well as in LocalServer so that an instance call is not taken for the static factory above.
    public new Task StartAsync(CancellationToken ct = default) => base.StartAsync(ct);

    // SIGTERM to the VM is RabbitMQ's own graceful stop (what its start script sends), without the ~1 s of CPU and
    // the cookie that `rabbitmqctl shutdown` needs. Durable queues and persistent messages are kept.
    private protected override int StopSignal => Native.SigTerm;

    /// <summary>Runs rabbitmqctl against this node (with its Erlang cookie) and returns its output; throws if it fails.</summary>
    public Task<string> RabbitMqCtlAsync(IEnumerable<string> args, CancellationToken ct = default) =>
        Cli.RunCheckedAsync(
            Cli.CommandLine(OsUser, CliEnvironment(), Path.Combine(options.BinFolder, "rabbitmqctl"), ["-n", NodeName, .. args]),
            TimeSpan.FromSeconds(60), ct, Folder);

    private protected override async Task PrepareAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "log"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "enabled_plugins"), "[].\n", ct).ConfigureAwait(false);
        // Own (empty) env file and config file, so that /etc/rabbitmq/* of a system install do not apply.
        await File.WriteAllTextAsync(Path.Combine(Folder, "rabbitmq-env.conf"), "", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(Folder, "rabbitmq.conf"),
            "# Private node (Intervention.Servers): log to the file in log/ only.\nlog.console = false\n", ct).ConfigureAwait(false);
        await ServerFolders.HandOverAsync(Folder, OsUser, ct).ConfigureAwait(false);
    }

    private protected override async Task StartCoreAsync(CancellationToken ct)
    {
        var environment = new Dictionary<string, string>(CliEnvironment())
        {
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(Folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(Folder, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Folder, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(Folder, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Folder, "advanced.config"),
            // The distribution port would otherwise listen on every interface.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            // Only used if this node is the one that starts epmd (shared by all nodes on the machine).
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        };
        var commandLine = Cli.CommandLine(OsUser, environment, Path.Combine(options.BinFolder, "rabbitmq-server"), []);
        await LaunchAndWaitAsync(commandLine, $"RabbitMQ node {NodeName} (port {Port})", ProbeAmqpAsync, options.StartTimeout, LogTail, ct)
            .ConfigureAwait(false);
    }

    private Dictionary<string, string> CliEnvironment() => new()
    {
        // HOME holds the Erlang cookie the node creates; rabbitmqctl must see the same one.
        ["HOME"] = Folder,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Folder, "rabbitmq-env.conf"),
    };

    /// <summary>Ready = the AMQP port answers the protocol header with a Connection.Start frame (not merely open).</summary>
    private async Task<bool> ProbeAmqpAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, Port, limit.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), limit.Token).ConfigureAwait(false);
            var frame = new byte[7];
            await stream.ReadExactlyAsync(frame, limit.Token).ConfigureAwait(false);
            return frame[0] == 1; // method frame on channel 0: Connection.Start
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private string LogTail() =>
        $"--- {Path.Combine(Folder, "stdout.log")}{Environment.NewLine}{ServerFolders.Tail(Path.Combine(Folder, "stdout.log"))}" +
        $"{Environment.NewLine}--- {LogFile}{Environment.NewLine}{ServerFolders.Tail(LogFile)}";
}
