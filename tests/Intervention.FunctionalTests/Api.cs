using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>JSON calls as the tests make them: the body as written, the expected status asserted with the answer in the message.</summary>
public static class Api
{
    /// <summary>POSTs <paramref name="body"/>; with <paramref name="traceId"/>, under that trace (a new span of it).</summary>
    public static async Task<JsonElement> PostAsync(HttpClient http, string uri, string body, string? traceId = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (traceId is not null) request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {uri}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
