using System.Security.Cryptography;
using System.Text;
using Children.API.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Children.API.Children;

/// <summary>
/// The pseudonymous reference by which every other service knows a child: an HMAC-SHA256 of the council's
/// identifier under a key only this service holds (<c>Children:ReferenceKey</c>, base64, or else a random key
/// made once and kept in this service's database). A plain hash of a known identifier could be reversed by
/// hashing every identifier; without the key the reference cannot be.
/// </summary>
public sealed class ChildReferences(IOptions<ChildrenOptions> options, IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private byte[]? _key;

    /// <summary>The reference for a key: <c>CR-</c> and 20 hex digits of the HMAC.</summary>
    public static string Of(byte[] key, string localId) =>
        "CR-" + Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(localId)))[..20];

    public async Task<string> OfAsync(string localId, CancellationToken ct) => Of(await KeyAsync(ct), localId);

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        await _once.WaitAsync(ct);
        try
        {
            if (_key is not null) return _key;
            if (options.Value.ReferenceKey is { Length: > 0 } configured) return _key = Convert.FromBase64String(configured);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChildrenDb>();
            var fresh = RandomNumberGenerator.GetBytes(32);
            await db.Database.ExecuteSqlAsync($"INSERT INTO reference_key (id, key) VALUES (1, {fresh}) ON CONFLICT (id) DO NOTHING", ct);
            return _key = await db.Database.SqlQuery<byte[]>($"SELECT key AS \"Value\" FROM reference_key WHERE id = 1").SingleAsync(ct);
        }
        finally
        {
            _once.Release();
        }
    }
}
