using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests.Licensing;

/// <summary>
/// A POST repeated (a client retrying after a lost answer, a double click) has its effect once: with an
/// <c>Idempotency-Key</c> the first answer comes back again (IETF httpapi draft), and without one a driver's application
/// is still refused a second time for the same NI number and licence type. Through the gateway, on the shared system.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class RepeatedRequestsTests(SharedSystem fixture)
{
    private HttpClient Http => fixture.System.Gateway;

    /// <summary>An NI number no other test uses (QQ is never issued), and the body of an application under it.</summary>
    private static (string Ni, string Body) Application(string type = "PrivateHire", string? name = null)
    {
        var ni = $"QQ{Random.Shared.Next(100000, 999999)}{"ABCD"[Random.Shared.Next(4)]}";
        return (ni, Body(ni, type, name ?? "Repeat Applicant"));
    }

    private static string Body(string ni, string type, string name) =>
        JsonSerializer.Serialize(new { name, dateOfBirth = "1979-05-05", licenceType = type, niNumber = ni, drivingLicenceNumber = "REPEA705059RA9XY" });

    private Task<long> DriversWithAsync(string ni) => fixture.System.CountAsync("licensing", $"SELECT count(*) FROM drivers WHERE ni_number = '{ni}'");

    private async Task<(HttpStatusCode Status, string Text, HttpResponseMessage Response)> PostAsync(string uri, string body, string? key, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await (http ?? Http).SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task An_application_sent_twice_with_one_key_makes_one_driver_and_answers_the_same_licence_reference_both_times()
    {
        var (ni, body) = Application();
        var key = $"\"{Guid.NewGuid()}\"";

        var first = await PostAsync("licensing/api/drivers", body, key);
        var again = await PostAsync("licensing/api/drivers", body, key);

        Assert.True(first.Status == HttpStatusCode.Created, $"first: {(int)first.Status} {first.Text}");
        Assert.True(again.Status == HttpStatusCode.Created, $"again: {(int)again.Status} {again.Text}");
        Assert.Equal(first.Text, again.Text);
        Assert.StartsWith("PH-", JsonDocument.Parse(again.Text).RootElement.GetProperty("licenceReference").GetString());
        Assert.Equal(first.Response.Headers.Location, again.Response.Headers.Location);
        Assert.Equal("application/json", again.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", again.Response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await DriversWithAsync(ni));
    }

    [Fact]
    public async Task A_conviction_sent_twice_with_one_key_is_recorded_once()
    {
        var (_, body) = Application();
        var driver = JsonDocument.Parse((await PostAsync("licensing/api/drivers", body, key: null)).Text).RootElement.GetProperty("id").GetGuid();
        var conviction = """{"category":"Violence","convictedOn":"2012-03-01","sentenceEndsOn":"2012-06-01"}""";
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync($"licensing/api/drivers/{driver}/convictions", conviction, key);
        var again = await PostAsync($"licensing/api/drivers/{driver}/convictions", conviction, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(1, await fixture.System.CountAsync("licensing", $"SELECT count(*) FROM convictions WHERE driver_id = '{driver}'"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_problem_and_changes_nothing()
    {
        var (ni, body) = Application();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("licensing/api/drivers", body, key)).Status);

        var other = await PostAsync("licensing/api/drivers", Body(ni, "HackneyCarriage", "Repeat Applicant"), key);

        Assert.True(other.Status == HttpStatusCode.UnprocessableEntity, $"{(int)other.Status} {other.Text}");
        Assert.Equal("application/problem+json", other.Response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(other.Text).RootElement;
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("idempotency-key-reused", problem.GetProperty("rule").GetString());
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await DriversWithAsync(ni));
    }

    [Fact]
    public async Task Two_sends_at_once_with_one_key_make_one_driver_one_answered_and_the_other_told_to_retry_or_given_the_same_answer()
    {
        var (ni, body) = Application();
        var key = Guid.NewGuid().ToString();

        var both = await Task.WhenAll(PostAsync("licensing/api/drivers", body, key), PostAsync("licensing/api/drivers", body, key));

        var statuses = both.Select(b => b.Status).OrderBy(s => s).ToList();
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Created]) || statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]),
            string.Join(" | ", both.Select(b => $"{(int)b.Status} {b.Text}")));
        if (statuses[1] == HttpStatusCode.Conflict)
        {
            var refused = JsonDocument.Parse(both.Single(b => b.Status == HttpStatusCode.Conflict).Text).RootElement;
            Assert.Equal("idempotency-key-in-use", refused.GetProperty("rule").GetString());
        }
        else Assert.Equal(both[0].Text, both[1].Text);
        Assert.Equal(1, await DriversWithAsync(ni));
        Measurements.Record($"one key sent twice at once: {string.Join(" + ", statuses.Select(s => (int)s))}");
    }

    [Fact]
    public async Task A_key_is_the_callers_own_another_caller_with_the_same_key_is_not_given_the_first_answer()
    {
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { name = "No Ni Number", dateOfBirth = "1981-01-01", licenceType = "PrivateHire" });
        var other = fixture.System.GatewayAs(fixture.System.Tokens.Mint("another-licensing-officer", ["licensing"], TimeSpan.FromMinutes(10)));

        var mine = await PostAsync("licensing/api/drivers", body, key);
        var theirs = await PostAsync("licensing/api/drivers", body, key, other);

        Assert.Equal(HttpStatusCode.Created, mine.Status);
        Assert.Equal(HttpStatusCode.Created, theirs.Status);
        Assert.NotEqual(mine.Text, theirs.Text);
        Assert.False(theirs.Response.Headers.Contains("Idempotent-Replayed"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("256")]
    public async Task A_key_that_is_empty_or_too_long_is_a_400_naming_the_header_and_nothing_is_recorded(string key)
    {
        var (ni, body) = Application();
        if (key == "256") key = new string('k', 256);

        var answer = await PostAsync("licensing/api/drivers", body, key);

        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{(int)answer.Status} {answer.Text}");
        var errors = JsonDocument.Parse(answer.Text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Idempotency-Key", out _), answer.Text);
        Assert.Equal(0, await DriversWithAsync(ni));
    }

    [Fact]
    public async Task Every_POST_in_the_OpenAPI_document_names_the_optional_header()
    {
        using var document = JsonDocument.Parse(await fixture.System.Service("licensing").GetStringAsync("openapi/v1.json"));

        var posts = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("post", out _)).Select(path => (path.Name, Post: path.Value.GetProperty("post"))).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, post =>
        {
            var header = post.Post.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().SingleOrDefault(p => p.GetProperty("name").GetString() == "Idempotency-Key")
                : default;
            Assert.True(header.ValueKind == JsonValueKind.Object, $"POST {post.Name} does not name Idempotency-Key");
            Assert.Equal("header", header.GetProperty("in").GetString());
            Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean());
        });
    }

    [Fact]
    public async Task A_second_application_for_the_same_NI_number_and_licence_type_is_a_409_naming_the_existing_driver_and_another_type_is_taken()
    {
        var (ni, body) = Application();
        var first = JsonDocument.Parse((await PostAsync("licensing/api/drivers", body, key: null)).Text).RootElement;
        // The same number written as people write it: spaces and lower case.
        var spaced = $"{ni[..2].ToLowerInvariant()} {ni[2..4]} {ni[4..6]} {ni[6..8]} {ni[8..]}";

        var again = await PostAsync("licensing/api/drivers", Body(spaced, "PrivateHire", "Repeat Applicant Again"), key: null);
        var hackney = await PostAsync("licensing/api/drivers", Body(ni, "HackneyCarriage", "Repeat Applicant"), key: null);

        Assert.True(again.Status == HttpStatusCode.Conflict, $"{(int)again.Status} {again.Text}");
        var problem = JsonDocument.Parse(again.Text).RootElement;
        Assert.Equal("one-application-per-ni-number-and-licence-type", problem.GetProperty("rule").GetString());
        Assert.Equal(first.GetProperty("id").GetGuid(), problem.GetProperty("driverId").GetGuid());
        Assert.Equal(first.GetProperty("licenceReference").GetString(), problem.GetProperty("licenceReference").GetString());
        Assert.Equal(HttpStatusCode.Created, hackney.Status);
        Assert.Equal(2, await DriversWithAsync(ni));
    }
}
