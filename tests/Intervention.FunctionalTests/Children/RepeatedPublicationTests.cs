using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// The Idempotency-Key in another service than licensing, on a POST whose request is its query: publishing the KPIs as at
/// a day, sent twice with one key, publishes once; the same key for another day is a 422. Through the gateway.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class RepeatedPublicationTests(SharedSystem shared)
{
    private async Task<(HttpStatusCode Status, string Text, HttpResponseMessage Response)> PublishAsync(string asAt, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"children/api/kpis/publications?asAt={asAt}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await shared.System.Gateway.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>KpisPublished rows in the children's outbox for the day (a day no other test publishes).</summary>
    private Task<long> PublishedAsync(string asAt) => shared.System.CountAsync("children",
        $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%KpisPublished' AND body::text LIKE '%{asAt}%'");

    [Fact]
    public async Task Publishing_twice_with_one_key_publishes_once_and_another_day_under_that_key_is_a_422()
    {
        var asAt = new DateOnly(2016, 1, 1).AddDays(Random.Shared.Next(0, 365)).ToString("yyyy-MM-dd");
        var key = Guid.NewGuid().ToString();

        var first = await PublishAsync(asAt, key);
        var again = await PublishAsync(asAt, key);
        var otherDay = await PublishAsync("2018-03-31", key);

        Assert.True(first.Status == HttpStatusCode.Accepted, $"{(int)first.Status} {first.Text}");
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(first.Response.Headers.Location, again.Response.Headers.Location);
        Assert.Equal("true", again.Response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await PublishedAsync(asAt));
        Assert.True(otherDay.Status == HttpStatusCode.UnprocessableEntity, $"{(int)otherDay.Status} {otherDay.Text}");
        Assert.Equal("idempotency-key-reused", JsonDocument.Parse(otherDay.Text).RootElement.GetProperty("rule").GetString());
    }
}
