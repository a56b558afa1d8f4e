using System.Net.Http.Headers;

namespace Intervention.Seeds;

/// <summary>
/// Each call through the gateway carries the token of the team whose portfolio it goes to (<c>/licensing/...</c> carries
/// <c>licensing.jwt</c>): the seeds act as each team would, never with one token that can do everything.
/// </summary>
public sealed class PortfolioTokens(string folder) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var portfolio = request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var path = portfolio is null ? null : Path.Combine(folder, $"{portfolio}.jwt");
        if (path is null || !File.Exists(path))
            throw new HttpRequestException($"No token for '{portfolio}' in {Path.GetFullPath(folder)}: start the system with ./run (it writes one per role) or give --tokens.");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(path).Trim());
        return base.SendAsync(request, cancellationToken);
    }
}
