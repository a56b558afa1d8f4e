using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Intervention.ServiceDefaults.Idempotency;

/// <summary>What a POST carrying an <c>Idempotency-Key</c> gets, given what the key was last used for.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is new (or expired): run the request and keep its answer under the key.</summary>
    Run,
    /// <summary>The same request was answered already: send that answer again, with no second effect.</summary>
    Replay,
    /// <summary>The key was used for another request (another body or query): 422.</summary>
    ReusedForAnotherRequest,
    /// <summary>The same request is still running: 409, try again shortly.</summary>
    StillRunning,
}

/// <summary>The answer a request with a key was given, kept to be given again: status, the headers a client reads, and the body.</summary>
public sealed record StoredAnswer(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>A key's row: the fingerprint of the request that claimed it, when it expires, and its answer (none while it runs).</summary>
public sealed record StoredRequest(byte[] Fingerprint, DateTimeOffset ExpiresAt, StoredAnswer? Answer);

/// <summary>
/// The rules of the <c>Idempotency-Key</c> header (IETF httpapi draft "The Idempotency-Key HTTP Header Field"), pure so that
/// tests call them directly. A key belongs to one caller (the token's subject) and one route (method and path): two callers,
/// or one caller on two routes, never see each other's answers. The request's fingerprint is a SHA-256 of its query and
/// its body, byte for byte.
/// </summary>
public static class IdempotencyRules
{
    /// <summary>How long a key is kept: a retry within it gets the first answer; after it the key is free again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>What a request with a key gets, given the key's row (null when the key was never used, or was cleaned up).</summary>
    public static IdempotencyOutcome Decide(StoredRequest? earlier, byte[] fingerprint, DateTimeOffset now)
    {
        if (earlier is null || now >= earlier.ExpiresAt) return IdempotencyOutcome.Run;
        // Another request under a key in use is the client's mistake whether or not the first has finished.
        if (!CryptographicOperations.FixedTimeEquals(earlier.Fingerprint, fingerprint)) return IdempotencyOutcome.ReusedForAnotherRequest;
        // A claim whose process died stays until the key expires: we cannot know whether its change committed, and a
        // second run could double it.
        return earlier.Answer is null ? IdempotencyOutcome.StillRunning : IdempotencyOutcome.Replay;
    }

    /// <summary>When a key claimed at <paramref name="claimedAt"/> expires.</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset claimedAt) => claimedAt + KeptFor;

    /// <summary>The request's fingerprint: SHA-256 of its query string and its body.</summary>
    public static byte[] Fingerprint(string query, ReadOnlySpan<byte> body)
    {
        using var hash = StartFingerprint(query);
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>Starts a fingerprint whose body is appended as it is read (a body may be large).</summary>
    internal static IncrementalHash StartFingerprint(string query)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendPart(hash, query);
        return hash;
    }

    /// <summary>Length-prefixed, so that no two sequences of parts hash alike ("a" + "b/c" is not "a/b" + "c").</summary>
    private static void AppendPart(IncrementalHash hash, string part)
    {
        Span<byte> length = stackalloc byte[4];
        var bytes = Encoding.UTF8.GetBytes(part);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }

    /// <summary>The key's identity: SHA-256 over the caller, the method, the path and the key.</summary>
    public static byte[] ScopeOf(string caller, string method, string path, string key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { caller, method, path, key }) AppendPart(hash, part);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Whether an answer is kept under its key: anything the service decided (2xx, and 4xx such as a 400 or a rule's 409) is;
    /// a 5xx is a failure to answer, so the key is freed and the client's retry runs again.
    /// </summary>
    public static bool Keeps(int status) => status is >= 200 and < 500;
}

/// <summary>
/// Whether a header holds a key: <see cref="Key"/> when it does, <see cref="Error"/> (the rule broken) when it is not
/// one, neither when absent.
/// </summary>
public sealed record KeyReading(string? Key, string? Error);

/// <summary>
/// The <c>Idempotency-Key</c> request header. The draft makes it a structured-field string (<c>"8e03..."</c>, RFC 8941);
/// the bare form most clients send (<c>8e03...</c>) is taken too. A key is 1 to 255 printable ASCII characters.
/// </summary>
public static class IdempotencyKeyHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "Idempotency-Key";

    /// <summary>The longest key taken.</summary>
    public const int MaxLength = 255;

    /// <summary>Reads the header's values (none, one, or the mistake of several).</summary>
    public static KeyReading Read(StringValues values)
    {
        if (values.Count == 0) return new(null, null);
        if (values.Count > 1) return new(null, "must be one key, sent once");
        var raw = values[0]!.Trim(' ', '\t');
        string key;
        if (raw.StartsWith('"'))
        {
            if (Unquote(raw) is not { } unquoted) return new(null, "must be a string: \"...\" with only \\\" and \\\\ escaped (RFC 8941), or a bare key");
            key = unquoted;
        }
        else key = raw;
        if (key.Trim().Length == 0) return new(null, "must not be empty: send a unique value such as a UUID");
        if (key.Any(c => c is < ' ' or > '~')) return new(null, "must be printable ASCII characters only");
        if (key.Length > MaxLength) return new(null, $"must be at most {MaxLength} characters");
        return new(key, null);
    }

    /// <summary>An RFC 8941 sf-string: quoted, with only <c>\"</c> and <c>\\</c> escapes; null when it is not one.</summary>
    private static string? Unquote(string raw)
    {
        if (raw.Length < 2 || raw[^1] != '"') return null;
        var inner = raw[1..^1];
        var text = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '\\')
            {
                if (++i == inner.Length || inner[i] is not ('"' or '\\')) return null;
                text.Append(inner[i]);
            }
            else if (c == '"') return null;
            else text.Append(c);
        }
        return text.ToString();
    }
}
