using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// Bad input gets problem details naming the field and the rule: never a 500, never silence. On the shared system: the
/// Directions recorded here are those of 26 February 2015 that every test records alike (a re-record, never a contradiction).
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class BadInputTests(SharedSystem shared) : IDisposable
{
    private readonly HttpClient _governance = shared.System.Service("governance");

    private const string Valid = """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG","DfE"],"interventionEndsOn":"2019-03-31","assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""";

    [Theory]
    [InlineData("malformed JSON", """{"issuedOn":"2015-02-26",""", "body")]
    [InlineData("unknown function", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"taxis","authority":"Commissioners","oversight":"None"}]}""", "assignments[0].function")]
    [InlineData("missing effective date", """{"issuedOn":"2015-02-26","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""", "effectiveFrom")]
    [InlineData("unknown authority", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":"Mayor","oversight":"None"}]}""", "assignments[0].authority")]
    [InlineData("authority as a number", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":1,"oversight":"None"}]}""", "assignments[0].authority")]
    [InlineData("missing authority", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"licensing","oversight":"None"}]}""", "assignments[0]")]
    [InlineData("effective date without an offset", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""", "effectiveFrom")]
    [InlineData("date in the wrong format", """{"issuedOn":"26/02/2015","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""", "issuedOn")]
    [InlineData("empty body", "", "body")]
    public async Task Bad_directions_are_a_400_naming_the_field(string what, string body, string field)
    {
        using var response = await PostAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var rules), $"{what}: errors name {errors} but not '{field}'");
        Assert.Contains(rules.EnumerateArray(), r => !string.IsNullOrWhiteSpace(r.GetString()));
    }

    [Fact]
    public async Task A_2_MB_body_is_a_413_problem()
    {
        var huge = Valid.Replace("\"DfE\"", "\"" + new string('x', 2 * 1024 * 1024) + "\"");
        // As a careful client sends a large body: it waits for 100 Continue, so a refusal arrives as an answer rather
        // than as a broken pipe half-way through the upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/directions") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await _governance.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_valid_example_is_recorded_and_readable()
    {
        using var response = await PostAsync(Valid);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetGuid();
        Assert.True(created.RootElement.GetProperty("recordedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        using var detail = JsonDocument.Parse(await _governance.GetStringAsync($"api/directions/{id}"));
        Assert.Equal("2015-02-26", detail.RootElement.GetProperty("issuedOn").GetString());
        Assert.Equal("Commissioners", detail.RootElement.GetProperty("assignments")[0].GetProperty("authority").GetString());
    }

    [Fact]
    public async Task Unknown_directions_and_a_malformed_instant_are_problems_too()
    {
        using var missing = await _governance.GetAsync($"api/directions/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        using var badInstant = await _governance.GetAsync("api/authority?at=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badInstant.StatusCode);
        Assert.Contains("\"at\"", await badInstant.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("contradictory-directions", "2015-02-26T00:00:00Z", "Cabinet")]
    [InlineData("before-intervention", "2014-12-01T00:00:00Z", "Commissioners")]
    public async Task Directions_a_rule_forbids_are_a_409_naming_the_rule(string rule, string effectiveFrom, string authority)
    {
        using var first = await PostAsync(Valid); // the intervention begins 2015-02-26 with licensing to the Commissioners
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var response = await PostAsync(Valid.Replace("2015-02-26T00:00:00Z", effectiveFrom).Replace("\"Commissioners\"", $"\"{authority}\""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(rule, problem.RootElement.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("api/authority?function=taxis", "function")]
    [InlineData("api/authority?function=licensing&asKnownAt=2015-02-26", "asKnownAt")]
    [InlineData("api/functions?at=26/02/2015", "at")]
    public async Task Bad_queries_are_a_400_naming_the_parameter(string uri, string field)
    {
        using var response = await _governance.GetAsync(uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors do not name '{field}'");
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _governance.PostAsync("api/directions", new StringContent(body, Encoding.UTF8, "application/json"));

    public void Dispose() => _governance.Dispose();
}
