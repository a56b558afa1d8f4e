using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// The classes of bad input an outside probe found ending in a 500, a 502 or a misleading answer (issue 15), each sent
/// through the gateway as a caller would: every one is a 4xx problem that names the field and the rule.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class BadInputClassesTests(SharedSystem shared)
{
    private HttpClient Gateway => shared.System.Gateway;

    [Theory]
    [InlineData("governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG\u0000"],"assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""", "issuedBy[0]")]
    [InlineData("licensing/api/drivers", """{"name":"A\u0000Driver","dateOfBirth":"1970-01-01","licenceType":"PrivateHire"}""", "name")]
    [InlineData("licensing/api/hearings", """{"driverId":"0194f1a0-0000-7000-8000-000000000000","heldOn":"2016-01-01","grounds":"x","members":[{"name":"Cllr\u0000"}]}""", "members[0].name")]
    [InlineData("children/api/casework/social-workers", """[{"id":"SW\u0000","agency":false,"startedOn":"2016-01-01"}]""", "[0].id")]
    [InlineData("finance/api/mtfs", """{"id":"x","name":"MTFS\u0000","firstYear":"2016/17","years":3}""", "name")]
    public async Task A_NUL_character_in_a_body_field_is_a_400_naming_the_field(string path, string body, string field)
    {
        using var response = await Gateway.PostAsync(path, Json(body));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, "NUL");
    }

    [Fact]
    public async Task A_NUL_character_in_an_integrators_subscription_is_a_400_naming_the_field()
    {
        using var integrator = shared.System.GatewayAs(shared.System.Tokens.Mint("bad-input-integrator", ["integrator"], TimeSpan.FromMinutes(10)));
        using var response = await integrator.PostAsync("integrations/api/subscriptions",
            Json("""{"url":"https://example.org/hook","eventTypes":["Intervention.Contracts.Governance.DirectionsIssued"],"description":"ours\u0000"}"""));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, "description", "NUL");
    }

    [Theory]
    [InlineData("licensing/api/drivers/{driver}?purpose=renewal%00check", "purpose")]
    [InlineData("governance/api/decisions?function=licensing%00", "function")]
    public async Task A_NUL_character_in_a_query_value_is_a_400_naming_it(string path, string field)
    {
        var driver = await NewDriverAsync("2016-06-01");
        using var response = await Gateway.GetAsync(path.Replace("{driver}", driver.ToString()));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, "NUL");
    }

    [Theory]
    [InlineData("licensing/api/hearings", """{"driverId":"0194f1a0-0000-7000-8000-000000000000","heldOn":"2016-01-01","grounds":"x","members":[null]}""", "members[0]")]
    [InlineData("licensing/api/drivers", """{"name":"A Driver","dateOfBirth":"1970-01-01","licenceType":"PrivateHire","checks":[null]}""", "checks[0]")]
    [InlineData("licensing/api/drivers", """{"name":"A Driver","dateOfBirth":"1970-01-01","licenceType":"PrivateHire","convictions":[{"category":"Violence","convictedOn":"2010-01-01"},null]}""", "convictions[1]")]
    [InlineData("governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"assignments":[null]}""", "assignments[0]")]
    public async Task A_null_item_in_a_list_is_a_400_naming_its_place(string path, string body, string field)
    {
        using var response = await Gateway.PostAsync(path, Json(body));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, "not null");
    }

    [Fact]
    public async Task A_hearing_with_30000_members_is_refused_quickly_at_the_panel_maximum()
    {
        var driver = await NewDriverAsync("2016-06-01");
        var members = string.Join(",", Enumerable.Range(0, 30_000).Select(i => $"{{\"name\":\"Member {i}\"}}"));
        var started = System.Diagnostics.Stopwatch.StartNew();

        using var response = await Gateway.PostAsync("licensing/api/hearings", Json($$"""{"driverId":"{{driver}}","heldOn":"2016-07-01","grounds":"x","members":[{{members}}]}"""));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, "members", "at most 20");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"took {started.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData("licensing", "ScheduleHearing", "members", 20)]
    [InlineData("licensing", "NewDriver", "convictions", 100)]
    [InlineData("governance", "IssueDirectionsRequest", "issuedBy", 10)]
    public async Task Each_lists_maximum_is_stated_in_the_OpenAPI_document(string service, string schema, string property, int maxItems)
    {
        using var http = shared.System.Service(service);
        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));

        var list = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty(property);
        Assert.Equal(maxItems, list.GetProperty("maxItems").GetInt32());
    }

    [Theory]
    [InlineData("children/api/kpis?asAt=0001-01-01", "asAt")]
    [InlineData("children/api/kpis?asAt=9999-12-31", "asAt")]
    [InlineData("licensing/api/licences?at=0001-01-01", "at")]
    [InlineData("governance/api/authority?function=licensing&at=9999-12-31T00:00:00Z", "at")]
    [InlineData("licensing/api/appeals/defended-rate?from=0001-01-01", "from")]
    public async Task A_date_outside_1900_to_2100_in_a_query_is_a_400_naming_it(string path, string field)
    {
        using var response = await Gateway.GetAsync(path);

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, "1900-01-01 to 2100-12-31");
    }

    [Theory]
    [InlineData("licensing/api/drivers", """{"name":"A Driver","dateOfBirth":"0001-01-01","licenceType":"PrivateHire"}""", "dateOfBirth")]
    [InlineData("children/api/casework/visits", """[{"child":"C1","dueOn":"9999-12-31"}]""", "[0].dueOn")]
    [InlineData("governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"0001-01-01T00:00:00Z","issuedBy":["DCLG"],"assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""", "effectiveFrom")]
    public async Task A_date_outside_1900_to_2100_in_a_body_is_a_400_naming_it(string path, string body, string field)
    {
        using var response = await Gateway.PostAsync(path, Json(body));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, "2100");
    }

    [Theory]
    [InlineData("licensing/api/hearings", """{"members":"a panel"}""", "members", "must be an array")]
    [InlineData("licensing/api/hearings", """{"members":[{"name":["Cllr Smith"]}]}""", "members[0].name", "must be a string")]
    [InlineData("governance/api/directions", """{"assignments":{"function":"licensing"}}""", "assignments", "must be an array")]
    public async Task A_field_of_the_wrong_shape_is_named_in_JSON_words_not_dotnet_types(string path, string body, string field, string rule)
    {
        using var response = await Gateway.PostAsync(path, Json(body));

        var text = await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, rule);
        Assert.DoesNotContain("System.", text);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_named_in_words_not_dotnet_types()
    {
        using var response = await Gateway.GetAsync("licensing/api/hearings?driverId=not-a-guid");

        var text = await AssertNamesAsync(response, HttpStatusCode.BadRequest, "driverId", "must be a GUID");
        Assert.DoesNotContain("Guid", text);
    }

    [Theory]
    [InlineData("licensing/api/drivers", true)]
    [InlineData("licensing/api/drivers", false)]
    [InlineData("governance/api/directions", false)]
    public async Task A_body_over_the_limit_sent_without_a_length_is_a_413_problem_not_a_502(string path, bool expectContinue)
    {
        const int SizeMb = 40;
        // Five times: whether the service's refusal mid-stream reached the caller as a 502 depended on timing.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new UnsizedContent("{\"name\":\"" + new string('x', SizeMb * 1024 * 1024) + "\"}", "application/json"),
            };
            request.Headers.ExpectContinue = expectContinue;

            using var response = await Gateway.SendAsync(request);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"attempt {attempt}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("try again", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_903_upload_over_256_MB_is_a_413_problem_not_a_502()
    {
        // A careful client (Expect: 100-continue) declares 300 MB: refused at the first read, before a byte of it is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "children/api/903/imports") { Content = new DeclaredContent(300L * 1024 * 1024) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        request.Headers.ExpectContinue = true;

        using var response = await Gateway.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("256 MB", text);
    }

    [Fact]
    public async Task A_903_upload_with_more_than_64_parts_says_the_limit_on_parts()
    {
        using var form = new MultipartFormDataContent { { new StringContent("2017-18"), "collectionYear" } };
        for (var i = 0; i < 65; i++)
            form.Add(new ByteArrayContent("CHILD\n"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "files", $"header{i}.csv");

        using var response = await Gateway.PostAsync("children/api/903/imports", form);

        var text = await AssertNamesAsync(response, HttpStatusCode.BadRequest, "body", "64");
        Assert.DoesNotContain("MB", text);
    }

    [Theory]
    [InlineData("""[{"id":"SW-{long}","agency":false,"startedOn":"2016-01-01"}]""", "[0].id")]
    [InlineData("""[{"id":"SW 001; DROP","agency":false,"startedOn":"2016-01-01"}]""", "[0].id")]
    [InlineData("""[{"child":"C1","socialWorker":"SW/../1","fromOn":"2016-01-01"}]""", "[0].socialWorker")]
    public async Task Casework_keys_are_at_most_64_letters_digits_hyphens_and_underscores(string body, string field)
    {
        var path = field.EndsWith("socialWorker", StringComparison.Ordinal) ? "children/api/casework/allocations" : "children/api/casework/social-workers";
        using var response = await Gateway.PostAsync(path, Json(body.Replace("{long}", new string('9', 100_000))));

        await AssertNamesAsync(response, HttpStatusCode.BadRequest, field, "64");
    }

    private async Task<Guid> NewDriverAsync(string appliedOn) =>
        (await Api.PostAsync(Gateway, "licensing/api/drivers",
            $$"""{"name":"Bad Input {{Guid.NewGuid():N}}","dateOfBirth":"1970-01-01","licenceType":"PrivateHire","appliedOn":"{{appliedOn}}"}""")).GetProperty("id").GetGuid();

    /// <summary>The answer is a problem with <paramref name="status"/> whose errors name <paramref name="field"/> with a rule saying <paramref name="says"/>.</summary>
    private static async Task<string> AssertNamesAsync(HttpResponseMessage response, HttpStatusCode status, string field, string says)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var rules = default(JsonElement);
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out rules), $"does not name '{field}': {text}");
        Assert.Contains(rules.EnumerateArray(), r => r.GetString()!.Contains(says, StringComparison.Ordinal));
        return text;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A body of <paramref name="length"/> zero bytes, written only if the server asks for it.</summary>
    private sealed class DeclaredContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var block = new byte[64 * 1024];
            for (long sent = 0; sent < length; sent += block.Length) await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - sent)));
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }

    /// <summary>A body sent chunked, with no Content-Length, so only the reader finds out how large it is.</summary>
    private sealed class UnsizedContent(string text) : HttpContent
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

        public UnsizedContent(string text, string mediaType) : this(text) => Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) => stream.Write(_bytes);
    }
}
