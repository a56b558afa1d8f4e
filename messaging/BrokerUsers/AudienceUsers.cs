using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Intervention.Contracts;

namespace Intervention.BrokerUsers;

/// <summary>
/// The RabbitMQ user of one event audience (<c>integrator-public</c>, <c>integrator-police</c>): it may declare, bind and read
/// queues named <c>&lt;user&gt;.&lt;anything&gt;</c>, and bind them only to the exchanges of the events its audience may receive
/// (RabbitMQ checks <c>read</c> on the exchange at <c>queue.bind</c>), so any other bind is refused with ACCESS_REFUSED.
/// </summary>
/// <param name="Audience"><c>public</c>, or an audience of <see cref="EventAudiences.Named"/>.</param>
/// <param name="Exchanges">The exchanges of the events it may receive, from the contracts' classifications.</param>
public sealed record AudienceUser(string Audience, IReadOnlyList<string> Exchanges)
{
    /// <summary>The user's name, <c>integrator-&lt;audience&gt;</c>.</summary>
    public string Name => "integrator-" + Audience;

    /// <summary>What the user's own queue names start with: <c>integrator-police.</c>.</summary>
    public string QueuePrefix => Name + ".";

    private string OwnQueues => "^" + Regex.Escape(QueuePrefix) + ".+$";

    /// <summary>The <c>configure</c> permission: its own queues only (never an exchange: configure would let it delete one).</summary>
    public string Configure => OwnQueues;

    /// <summary>The <c>write</c> permission: its own queues (binding writes to the queue).</summary>
    public string Write => OwnQueues;

    /// <summary>The <c>read</c> permission: the allowed exchanges (binding reads from the exchange) and its own queues (consuming).</summary>
    public string Read => "^(" + string.Join("|", Exchanges.Select(Regex.Escape)) + ")$|" + OwnQueues;
}

/// <summary>The audience users, their development passwords and the RabbitMQ definitions that create them.</summary>
public static class AudienceUsers
{
    /// <summary>One user per audience: <c>public</c> (what the integrator role alone may receive) and each named audience.</summary>
    public static IReadOnlyList<AudienceUser> All { get; } =
        new[] { (Name: EventAudiences.Public, Audiences: (IReadOnlySet<string>)new HashSet<string>()) }
            .Concat(EventAudiences.Named.Select(a => (Name: a, Audiences: (IReadOnlySet<string>)new HashSet<string> { a })))
            .Select(a => new AudienceUser(a.Name, EventAudiences.ReceivableBy(a.Audiences).Select(EventAudiences.ExchangeOf).ToList()))
            .ToList();

    /// <summary>The user of <paramref name="audience"/>.</summary>
    public static AudienceUser Of(string audience) => All.Single(u => u.Audience == audience);

    /// <summary>
    /// A development password derived from the run's secret (the AppHost's token signing key, base64), so that the tests,
    /// which give the AppHost that key, know it too; production sets each user's password in the broker itself.
    /// </summary>
    public static string PasswordOf(AudienceUser user, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes("amqp-user:" + user.Name)));

    /// <summary>
    /// RabbitMQ definitions (<c>load_definitions</c>) for vhost <c>/</c>: the audience users with their permissions, and
    /// <c>guest</c> as RabbitMQ makes it on a new node (the services' user on a development broker, loopback only).
    /// </summary>
    public static string Definitions(string secret)
    {
        var users = new List<object> { User("guest", "guest", "administrator") };
        var permissions = new List<object> { new { user = "guest", vhost = "/", configure = ".*", write = ".*", read = ".*" } };
        foreach (var user in All)
        {
            users.Add(User(user.Name, PasswordOf(user, secret), ""));
            permissions.Add(new { user = user.Name, vhost = "/", configure = user.Configure, write = user.Write, read = user.Read });
        }
        return JsonSerializer.Serialize(new { users, vhosts = new[] { new { name = "/" } }, permissions }, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes <c>amqp-&lt;user&gt;.password</c> for each audience user into <paramref name="folder"/> (readable by its owner only).</summary>
    public static void WritePasswords(string folder, string secret)
    {
        foreach (var user in All)
        {
            var path = Path.Combine(folder, $"amqp-{user.Name}.password");
            File.WriteAllText(path, PasswordOf(user, secret));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    // RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ SHA-256(salt ++ password)), with a 4-byte salt.
    private static object User(string name, string password, string tags)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return new { name, password_hash = Convert.ToBase64String([.. salt, .. hash]), hashing_algorithm = "rabbit_password_hashing_sha256", tags };
    }
}
