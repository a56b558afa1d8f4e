using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// The Idempotency-Key in another service than licensing: on a POST whose request is its query (publishing the KPIs as at
/// a day: sent twice with one key it publishes once; the same key for another day is a 422), and on a 903 upload larger
/// than the 1 MB JSON limit, which the key's fingerprint reads before the endpoint. Through the gateway.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class RepeatedImportsAndPublicationsTests(SharedSystem shared)
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

    [Fact]
    public async Task A_903_upload_over_1_MB_sent_twice_with_one_key_is_imported_once()
    {
        // 2013/14: a year no other test imports. About 1.3 MB of well-formed episodes.
        var csv = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n");
        for (var i = 0; i < 25_000; i++) csv.Append($"K{i:D6},01/06/2013,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("2013/14"), "collectionYear");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", "episodes.csv");
        // The same bytes, boundary included, for both sends: a retry repeats the request exactly.
        var body = await form.ReadAsByteArrayAsync();
        Assert.True(body.Length > 1024 * 1024, $"the upload is {body.Length} bytes");
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, string Text, HttpResponseMessage Response)> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "children/api/903/imports") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = form.Headers.ContentType;
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            var response = await shared.System.Gateway.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        }

        var first = await SendAsync();
        var again = await SendAsync();

        Assert.True(first.Status == HttpStatusCode.Created, $"{(int)first.Status} {first.Text[..Math.Min(400, first.Text.Length)]}");
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal("true", again.Response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await shared.System.CountAsync("children", "SELECT count(*) FROM imports WHERE collection_year LIKE '2013_14'"));
    }
}
