using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intervention.AppHost;

/// <summary>
/// Development and test tokens: a signing key made at start (never stored in the repository) and HS256 JWTs signed with
/// it, one per role, in the shape Microsoft Entra ID issues (<c>sub</c>, <c>roles</c>, <c>aud</c>, <c>iss</c>). The services
/// are given the key as <c>Auth__SigningKey</c>; production configures an OpenID Connect authority instead. The key is
/// <c>Auth:SigningKey</c> when configured (the tests give theirs), else new for each run.
/// </summary>
public sealed class DevelopmentTokens(byte[] key)
{
    public const string Issuer = "intervention-apphost";
    public const string Audience = "intervention";
    public static readonly string[] Roles = ["commissioner", "children", "licensing", "governance", "finance", "integrator", "ops"];

    public static DevelopmentTokens Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The configured key (<c>Auth:SigningKey</c>, base64), or a new one.</summary>
    public static DevelopmentTokens ForRun(IConfiguration configuration) =>
        configuration["Auth:SigningKey"] is { Length: > 0 } key ? new(Convert.FromBase64String(key)) : Generate();

    /// <summary>Adds what a service or the gateway needs to check these tokens to its environment.</summary>
    public void AddTo(IDictionary<string, object> environment) => Environment.ToList().ForEach(e => environment[e.Key] = e.Value);

    /// <summary>The key, base64, as the services read it from <c>Auth__SigningKey</c>.</summary>
    public string SigningKey => Convert.ToBase64String(key);

    /// <summary>The environment a service or the gateway needs to check these tokens.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["Auth__SigningKey"] = SigningKey, ["Auth__Issuer"] = Issuer, ["Auth__Audience"] = Audience };

    /// <summary>A token for <paramref name="subject"/> with <paramref name="roles"/>, valid for <paramref name="lifetime"/> (negative: already expired; no subject: a token the services refuse).</summary>
    public string Mint(string? subject, IReadOnlyList<string> roles, TimeSpan lifetime, string audience = Audience, byte[]? signWith = null, string? scope = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["roles"] = roles.ToArray() };
        if (subject is not null) claims["sub"] = subject;
        if (scope is not null) claims["scope"] = scope; // space-separated, as OAuth writes scopes: intervention.events.<audience>
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = audience, Claims = claims, IssuedAt = now.AddMinutes(-1), Expires = now + lifetime,
            NotBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now.AddMinutes(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signWith ?? key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A valid token for one role (subject <c>dev-&lt;role&gt;</c>).</summary>
    public string ForRole(string role, TimeSpan? lifetime = null) => Mint($"dev-{role}", [role], lifetime ?? TimeSpan.FromHours(12));

    /// <summary>Writes <c>&lt;role&gt;.jwt</c> per role, <c>integrator-&lt;audience&gt;.jwt</c> per event audience and the AMQP users' passwords into <paramref name="folder"/> (owner only).</summary>
    public string WriteRoleTokens(string folder, TimeSpan lifetime)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, token) in Roles.Select(r => (r, ForRole(r, lifetime))).Concat(Intervention.Contracts.EventAudiences.Named.Select(a =>
            ($"integrator-{a}", Mint($"dev-integrator-{a}", ["integrator"], lifetime, scope: Intervention.Contracts.EventAudiences.ScopeOf(a))))))
        {
            var path = Path.Combine(folder, $"{name}.jwt");
            File.WriteAllText(path, token);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Intervention.BrokerUsers.AudienceUsers.WritePasswords(folder, SigningKey);
        return folder;
    }
}
