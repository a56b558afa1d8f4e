using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intervention.ServiceDefaults.Security;

/// <summary>
/// Development and test tokens: a signing key made at start (never stored in the repository) and HS256 JWTs signed with
/// it, in the shape Microsoft Entra ID issues (<c>sub</c>, <c>roles</c>, <c>aud</c>, <c>iss</c>). The one place they are
/// minted: the AppHost's role tokens, the portal's development sign-in and the tests' callers. The services are given the
/// key as <c>Auth__SigningKey</c>; production configures an OpenID Connect authority instead.
/// </summary>
public sealed class DevelopmentTokens(byte[] key, string issuer = DevelopmentTokens.Issuer, string audience = DevelopmentTokens.Audience,
    TimeProvider? clock = null)
{
    /// <summary>The issuer the AppHost's tokens name, as the services expect by default (<see cref="AuthOptions.Issuer"/>).</summary>
    public const string Issuer = AuthOptions.DevelopmentIssuer;

    /// <summary>The audience the AppHost's tokens name, as the services expect by default (<see cref="AuthOptions.Audience"/>).</summary>
    public const string Audience = AuthOptions.DevelopmentAudience;

    private readonly string _issuer = issuer;
    private readonly string _audience = audience;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A new random key.</summary>
    public static DevelopmentTokens Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The configured key (<c>Auth:SigningKey</c>, base64: the tests give theirs), or a new one for this run.</summary>
    public static DevelopmentTokens ForRun(IConfiguration configuration) =>
        configuration[$"{AuthOptions.Section}:SigningKey"] is { Length: > 0 } configured ? new(Convert.FromBase64String(configured)) : Generate();

    /// <summary>The tokens a service's <see cref="AuthOptions"/> accept (its key, issuer and audience), or null without a signing key.</summary>
    public static DevelopmentTokens? Of(AuthOptions auth, TimeProvider clock) => string.IsNullOrWhiteSpace(auth.SigningKey)
        ? null
        : new(Convert.FromBase64String(auth.SigningKey), auth.Issuer, auth.Audience, clock);

    /// <summary>Adds what a service or the gateway needs to check these tokens to its environment.</summary>
    public void AddTo(IDictionary<string, object> environment)
    {
        foreach (var (name, value) in Environment) environment[name] = value;
    }

    /// <summary>The key, base64, as the services read it from <c>Auth__SigningKey</c>.</summary>
    public string SigningKey => Convert.ToBase64String(key);

    /// <summary>The environment a service or the gateway needs to check these tokens.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["Auth__SigningKey"] = SigningKey, ["Auth__Issuer"] = _issuer, ["Auth__Audience"] = _audience };

    /// <summary>
    /// A token for <paramref name="subject"/> with <paramref name="roles"/>, valid for <paramref name="lifetime"/> from now
    /// (negative: already expired; no subject: a token the services refuse). <paramref name="scope"/> is space-separated, as
    /// OAuth writes scopes (<c>intervention.events.&lt;audience&gt;</c>).
    /// </summary>
    public string Mint(string? subject, IReadOnlyList<string> roles, TimeSpan lifetime, string? audience = null, byte[]? signWith = null,
        string? scope = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["roles"] = roles.ToArray() };
        if (subject is not null) claims["sub"] = subject;
        if (scope is not null) claims["scope"] = scope;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = audience ?? _audience,
            Claims = claims,
            IssuedAt = now,
            Expires = now + lifetime,
            // A minute back, so that a service whose clock is a little behind still takes a fresh token.
            NotBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now.AddMinutes(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signWith ?? key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A valid token for one role (subject <c>dev-&lt;role&gt;</c>), for 12 hours unless <paramref name="lifetime"/> says.</summary>
    public string ForRole(string role, TimeSpan? lifetime = null) => Mint($"dev-{role}", [role], lifetime ?? TimeSpan.FromHours(12));
}
