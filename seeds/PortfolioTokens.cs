using System.Net.Http.Headers;

namespace Intervention.Seeds;

/// <summary>
/// Each call through the gateway carries the token of the team whose portfolio it goes to (<c>/licensing/...</c> carries
/// <c>licensing.jwt</c>): the seeds act as each team would, never with one token that can do everything. Each attempt has
/// 30 s; a 429 from the gateway's rate limit is waited out as its Retry-After says.
/// </summary>
public sealed class PortfolioTokens(string folder) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var portfolio = request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var path = portfolio is null ? null : Path.Combine(folder, $"{portfolio}.jwt");
        if (path is null || !File.Exists(path))
            throw new HttpRequestException($"No token for '{portfolio}' in {Path.GetFullPath(folder)}: start the system with ./run (it writes one " +
                $"per role) or give --tokens.");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(path).Trim());
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(30));
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, attempt.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HttpRequestException($"{request.Method} {request.RequestUri} had no answer within 30 s.");
            }
            // A bulk load goes over the gateway's rate limit: wait as it says, then send the same request again.
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
            if (body is not null)
            {
                var headers = request.Content!.Headers.ToList();
                request.Content = new ByteArrayContent(body);
                foreach (var (name, values) in headers) request.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }
    }
}
