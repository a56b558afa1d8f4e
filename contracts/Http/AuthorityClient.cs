using System.Net.Http.Json;
using Intervention.Contracts.Governance.Http;

namespace Intervention.Contracts.Http;

/// <summary>
/// Typed client for <c>GET /api/authority</c>, which every portfolio service answers for the
/// functions it owns. Register with <c>AddHttpClient&lt;AuthorityClient&gt;</c> and a base address.
/// </summary>
public sealed class AuthorityClient(HttpClient http)
{
    /// <summary>Who holds each of the service's functions at <paramref name="at"/> (now when null).</summary>
    public async Task<IReadOnlyList<AuthorityInForce>> InForceAsync(DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var uri = at is null ? "api/authority" : $"api/authority?at={Uri.EscapeDataString(at.Value.ToString("O"))}";
        return await http.GetFromJsonAsync<List<AuthorityInForce>>(uri, ContractJson.Options, ct) ?? [];
    }
}

/// <summary>Typed client for the governance register's Directions.</summary>
public sealed class DirectionsClient(HttpClient http)
{
    /// <summary>Records Directions; throws <see cref="HttpRequestException"/> with the problem details when refused.</summary>
    public async Task<DirectionsRecorded> IssueAsync(IssueDirectionsRequest request, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("api/directions", request, ContractJson.Options, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST api/directions answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options, ct))!;
    }
}
