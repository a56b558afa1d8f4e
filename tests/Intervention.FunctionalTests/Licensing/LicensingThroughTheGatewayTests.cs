using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Http;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Licensing;

/// <summary>
/// Governance and licensing behind the gateway on the seeded system (<see cref="SeededSystem"/>: the Rotherham Directions and
/// a small fictional taxi trade). Licensing learns who holds its function from DirectionsIssued over the broker.
/// </summary>
[Collection(SeededSystem.Name)]
public sealed class LicensingThroughTheGatewayTests(SeededSystem fixture)
{
    private HttpClient Http => fixture.System.Gateway;

    [Fact]
    public async Task A_2012_violence_conviction_needs_a_hearing_in_2015_and_the_hearings_of_June_2016_and_February_2017_are_decided_by_the_Commissioners_and_the_Licensing_Board()
    {
        var driver = await CreateDriverAsync("Test Driver One", "1980-04-02", "PrivateHire", appliedOn: HeardDriversAppliedOn);
        await PostOkAsync($"licensing/api/drivers/{driver}/convictions", """{"category":"Violence","convictedOn":"2012-03-01","sentenceEndsOn":"2012-06-01"}""");

        var fitness = await GetJsonAsync($"licensing/api/drivers/{driver}/fitness?at=2015-07-01");
        Assert.Equal("NeedsHearing", fitness.GetProperty("outcome").GetString());
        var reasons = fitness.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("conviction-inside-period", reasons);
        Assert.False(fitness.GetProperty("officerMayGrant").GetBoolean());

        // June 2016: the Commissioners held licensing. Revoked with immediate effect: effective the day of notice.
        var june = await ScheduleAsync(driver, "2016-06-15", "Conviction for violence inside its 10-year period");
        Assert.Equal("Commissioners", june.GetProperty("decisionMaker").GetProperty("authority").GetString());
        var juneDecision = await DecideAsync(june.GetProperty("id").GetGuid(),
            """{"outcome":"Revocation","reasons":"Violence inside its period; risk to passengers","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}""");
        Assert.Equal("2016-06-15", juneDecision.GetProperty("effectiveOn").GetString());
        Assert.Equal("immediate-public-safety", juneDecision.GetProperty("effectRule").GetString());

        // February 2017: the Directions of December 2016 returned licensing to the council (the Licensing Board). Without
        // immediate effect: 21 days after notice.
        var second = await CreateDriverAsync("Test Driver Two", "1975-01-20", "HackneyCarriage", appliedOn: HeardDriversAppliedOn);
        var february = await ScheduleAsync(second, "2017-02-15", "Failure to report an arrest");
        Assert.Equal("Council", february.GetProperty("decisionMaker").GetProperty("authority").GetString());
        Assert.Equal("Licensing Board", february.GetProperty("decisionMaker").GetProperty("name").GetString());
        var februaryDecision = await DecideAsync(february.GetProperty("id").GetGuid(),
            """{"outcome":"Revocation","reasons":"Not fit and proper","grounds":"RoadSafety","immediate":false,"noticeGivenOn":"2017-02-15"}""");
        Assert.Equal("2017-03-08", februaryDecision.GetProperty("effectiveOn").GetString());
        Assert.Equal("21-days-after-notice", februaryDecision.GetProperty("effectRule").GetString());

        // Governance's decision register holds both, each checked against the Directions and found valid.
        var ids = new[] { juneDecision.GetProperty("decisionId").GetGuid(), februaryDecision.GetProperty("decisionId").GetGuid() };
        var watch = Stopwatch.StartNew();
        List<DecisionDetail> register = [];
        await WaitUntilAsync(async () =>
        {
            register = (await Http.GetFromJsonAsync<List<DecisionDetail>>("governance/api/decisions?function=licensing", ContractJson.Options))!
                .Where(d => ids.Contains(d.Id)).ToList();
            return register.Count == 2;
        }, TimeSpan.FromSeconds(30), () => $"the decision register holds {register.Count} of the 2 licensing decisions");
        Measurements.Record($"licensing decision -> governance register: {watch.ElapsedMilliseconds} ms");
        Assert.All(register, d => Assert.Equal(DecisionStatus.Valid, d.Status));
        Assert.Equal(["Commissioners (licensing)", "Licensing Board"], register.OrderBy(d => d.DecidedAt).Select(d => d.DeciderName));
        Assert.Equal([Intervention.Contracts.Governance.Authority.Commissioners, Intervention.Contracts.Governance.Authority.Council], register.OrderBy(d => d.DecidedAt).Select(d => d.Authority));

        // The licence's status follows the effective dates.
        var reference = february.GetProperty("licenceReference").GetString();
        Assert.Equal("Applied", (await GetJsonAsync($"licensing/api/licences/{reference}?at=2017-03-07")).GetProperty("status").GetString());
        Assert.Equal("Revoked", (await GetJsonAsync($"licensing/api/licences/{reference}?at=2017-03-08")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_safeguarding_revocation_goes_to_the_national_register_and_the_children_front_door_event_and_a_later_search_finds_it()
    {
        var driver = await CreateDriverAsync("Register Match", "1970-07-07", "PrivateHire", niNumber: "QQ 12 34 56 C", appliedOn: HeardDriversAppliedOn);
        var hearing = await ScheduleAsync(driver, "2016-03-01", "Police intelligence");
        var decision = await DecideAsync(hearing.GetProperty("id").GetGuid(),
            """{"outcome":"Revocation","reasons":"Intelligence of exploitation","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-03-01"}""");
        Assert.True(decision.GetProperty("nationalRegister").GetBoolean());
        var decisionId = decision.GetProperty("decisionId").GetGuid();

        // The events left through the outbox, naming the licence only.
        foreach (var type in new[] { "SafeguardingConcernRaised", "LicensingDecisionMade", "DecisionRecorded" })
            await WaitUntilAsync(async () => await fixture.System.CountAsync("licensing",
                    $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.{type}' AND body->>'decisionId' = '{decisionId}' AND published_at IS NOT NULL") == 1,
                TimeSpan.FromSeconds(20), () => $"{type} for decision {decisionId} was not published");
        Assert.Equal(0, await fixture.System.CountAsync("licensing",
            $"SELECT count(*) FROM outbox_messages WHERE body->>'decisionId' = '{decisionId}' AND (body::text LIKE '%Register Match%' OR body::text LIKE '%QQ123456C%' OR body::text LIKE '%1970-07-07%')"));

        // The same person applies again under another licence: the search finds the entry, which means a hearing, never a refusal by itself.
        var again = await CreateDriverAsync("Register Match", "1970-07-07", "HackneyCarriage", niNumber: "QQ123456C");
        var search = await PostOkAsync($"licensing/api/drivers/{again}/register-searches", """{"searchedOn":"2017-01-10"}""");
        Assert.True(search.GetProperty("match").GetBoolean());
        var fitness = await GetJsonAsync($"licensing/api/drivers/{again}/fitness?at=2017-01-10");
        Assert.Equal("NeedsHearing", fitness.GetProperty("outcome").GetString());
        Assert.Contains("register-match", fitness.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        // Every read of a driver's record is logged with its purpose.
        Assert.True(await fixture.System.CountAsync("licensing", $"SELECT count(*) FROM audit_log WHERE action = 'read' AND resource = '/api/drivers/{again}' AND purpose = 'fitness check' AND actor = 'functional-tests'") >= 1);
    }

    [Fact]
    public async Task A_member_with_an_interest_takes_no_part_and_a_panel_whose_every_decision_maker_has_one_cannot_decide()
    {
        var driver = await CreateDriverAsync("Interest Case", "1985-11-30", "PrivateHire", appliedOn: HeardDriversAppliedOn);
        var hearing = await ScheduleAsync(driver, "2017-04-10", "Complaint from a passenger",
            members: """[{"name":"Cllr Ashworth","role":"DecisionMaker"},{"name":"Legal Adviser","role":"Advisory"}]""");
        var id = hearing.GetProperty("id").GetGuid();
        await PostOkAsync($"licensing/api/hearings/{id}/record", """{"kind":"Question","speaker":"Cllr Ashworth","text":"Where were you on the night?"}""");
        using (var declared = await PostAsync($"licensing/api/hearings/{id}/interests", """{"member":"Cllr Ashworth","interest":"Knows the complainant"}"""))
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);

        using var question = await PostAsync($"licensing/api/hearings/{id}/record", """{"kind":"Question","speaker":"Cllr Ashworth","text":"And after?"}""");
        await AssertRuleAsync(question, "member-has-interest");
        await PostOkAsync($"licensing/api/hearings/{id}/record", """{"kind":"Statement","speaker":"Driver","text":"I was at home."}""");
        using var decided = await PostAsync($"licensing/api/hearings/{id}/decision",
            """{"outcome":"Warning","reasons":"Complaint upheld in part","grounds":"Other","immediate":false,"noticeGivenOn":"2017-04-10"}""");
        await AssertRuleAsync(decided, "no-member-without-interest");

        var view = await GetJsonAsync($"licensing/api/hearings/{id}");
        var members = view.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("takesPart").GetBoolean());
        Assert.False(members["Cllr Ashworth"]);
        Assert.True(members["Legal Adviser"]);
        Assert.Equal(2, view.GetProperty("record").GetArrayLength());
    }

    [Fact]
    public async Task An_appeal_lodged_within_21_days_holds_the_decision_until_the_court_dismisses_it_and_one_lodged_on_day_22_is_out_of_time()
    {
        var driver = await CreateDriverAsync("Appellant", "1979-02-28", "PrivateHire", appliedOn: HeardDriversAppliedOn);
        var hearing = await ScheduleAsync(driver, "2017-03-01", "Conviction for a taxi offence");
        var id = hearing.GetProperty("id").GetGuid();
        var decision = await DecideAsync(id, """{"outcome":"Suspension","reasons":"Taxi offence","grounds":"Other","immediate":false,"noticeGivenOn":"2017-03-01"}""");
        Assert.Equal("2017-03-22", decision.GetProperty("effectiveOn").GetString());
        Assert.Equal("2017-03-22", decision.GetProperty("lastDayToAppeal").GetString());

        using (var late = await PostAsync($"licensing/api/hearings/{id}/appeal", """{"lodgedOn":"2017-03-23"}"""))
            await AssertRuleAsync(late, "appeal-out-of-time");
        var appeal = await PostOkAsync($"licensing/api/hearings/{id}/appeal", """{"lodgedOn":"2017-03-22"}""");
        Assert.Equal(JsonValueKind.Null, appeal.GetProperty("decisionEffectiveOn").ValueKind);
        Assert.Equal("appeal-pending", appeal.GetProperty("effectRule").GetString());

        var appealId = appeal.GetProperty("id").GetGuid();
        using var determined = await Http.PostAsync($"licensing/api/appeals/{appealId}/outcome", Json("""{"outcome":"Dismissed","decidedOn":"2017-05-10"}"""));
        Assert.Equal(HttpStatusCode.OK, determined.StatusCode);
        var after = (await determined.Content.ReadFromJsonAsync<JsonElement>())!;
        Assert.Equal("2017-05-10", after.GetProperty("decisionEffectiveOn").GetString());

        var rate = await GetJsonAsync("licensing/api/appeals/defended-rate?from=2017-05-01&to=2017-05-31");
        Assert.True(rate.GetProperty("dismissed").GetInt32() >= 1);
        await WaitUntilAsync(async () => await fixture.System.CountAsync("licensing",
                $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.AppealDetermined' AND body->>'appealId' = '{appealId}' AND published_at IS NOT NULL") == 1,
            TimeSpan.FromSeconds(20), () => "AppealDetermined was not published");
    }

    [Fact]
    public async Task The_audit_checks_every_licensed_driver_shows_its_progress_and_lists_those_to_call_to_a_hearing()
    {
        var counts = await Http.GetFromJsonAsync<List<JsonElement>>("licensing/api/licences?at=2015-09-01");
        var licensed = counts!.Where(c => c.GetProperty("type").GetString() is "PrivateHire" or "HackneyCarriage" && c.GetProperty("status").GetString() is "Active" or "Suspended")
            .Sum(c => c.GetProperty("count").GetInt32());
        Assert.True(licensed >= SeededSystem.SeededDrivers, $"{licensed} drivers licensed on 2015-09-01");

        var watch = Stopwatch.StartNew();
        using var started = await PostAsync("licensing/api/audits", """{"asAt":"2015-09-01"}""");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        JsonElement audit = default;
        await WaitUntilAsync(async () => (audit = await GetJsonAsync("licensing" + location)).GetProperty("status").GetString() == "Completed",
            TimeSpan.FromSeconds(60), () => $"the audit did not complete: {audit}");
        Measurements.Record($"licensing audit of {licensed} drivers: {watch.ElapsedMilliseconds} ms from POST to completed (service says {audit.GetProperty("seconds")} s)");

        Assert.Equal(licensed, audit.GetProperty("driversTotal").GetInt32());
        Assert.Equal(licensed, audit.GetProperty("driversChecked").GetInt32());
        var outcomes = audit.GetProperty("outcomes");
        var needsHearing = outcomes.GetProperty("NeedsHearing").GetInt32();
        Assert.Equal(licensed, outcomes.GetProperty("Fit").GetInt32() + outcomes.GetProperty("NotFit").GetInt32() + needsHearing);

        // The list agrees, driver by driver, with the fitness check an officer would run.
        var list = await Http.GetFromJsonAsync<List<JsonElement>>($"licensing{location}/hearing-list");
        Assert.Equal(needsHearing, list!.Count);
        Assert.NotEmpty(list);
        foreach (var entry in list.Take(10))
        {
            var fitness = await GetJsonAsync($"licensing/api/drivers/{entry.GetProperty("driverId").GetGuid()}/fitness?at=2015-09-01");
            Assert.Equal("NeedsHearing", fitness.GetProperty("outcome").GetString());
            Assert.Equal(entry.GetProperty("reasons").GetArrayLength(), fitness.GetProperty("reasons").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("""{"category":"Shoplifting","convictedOn":"2012-03-01"}""", "category")]
    [InlineData("""{"category":"Violence","convictedOn":"2099-03-01"}""", "convictedOn")]
    [InlineData("""{"category":"Violence","convictedOn":"01/03/2012"}""", "convictedOn")]
    [InlineData("""{"category":"Violence","convictedOn":"2012-03-01","sentenceEndsOn":"2011-01-01"}""", "sentenceEndsOn")]
    public async Task A_bad_conviction_is_refused_with_problem_details_naming_the_field(string body, string field)
    {
        var driver = await CreateDriverAsync("Bad Input", "1990-01-01", "PrivateHire");
        using var response = await PostAsync($"licensing/api/drivers/{driver}/convictions", body);
        await AssertFieldAsync(response, field);
    }

    [Fact]
    public async Task A_negative_term_and_a_grant_to_a_driver_who_needs_a_hearing_are_refused()
    {
        var driver = await CreateDriverAsync("Grant Refused", "1982-05-05", "PrivateHire", appliedOn: "2016-12-01");
        var reference = (await GetJsonAsync($"licensing/api/drivers/{driver}?purpose=test")).GetProperty("licences")[0].GetString();
        using (var negative = await PostAsync($"licensing/api/licences/{reference}/grants", """{"grantedOn":"2017-01-01","termMonths":-12}"""))
            await AssertFieldAsync(negative, "termMonths");
        await PostOkAsync($"licensing/api/drivers/{driver}/convictions", """{"category":"SexualOffence","convictedOn":"2001-03-01"}""");
        using var grant = await PostAsync($"licensing/api/licences/{reference}/grants", """{"grantedOn":"2017-01-01"}""");
        var problem = await AssertRuleAsync(grant, "officer-cannot-grant");
        Assert.Equal("NeedsHearing", problem.GetProperty("outcome").GetString());
        Assert.Contains("conviction-never-period", problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task An_over_age_vehicle_is_licensed_only_with_its_exceptional_condition_recorded_and_an_operator_for_five_years()
    {
        var registration = $"YT{Random.Shared.Next(10, 99)}ABC";
        var vehicle = await PostOkAsync("licensing/api/vehicles",
            $$"""{"registration":"{{registration}}","firstRegisteredOn":"2010-05-01","insuranceWriteOff":false,"cctvCertifiedOn":"2016-01-05","cctvRecordsVideo":true,"cctvRecordsAudio":true,"appliedOn":"2016-01-10"}""");
        var reference = vehicle.GetProperty("licenceReference").GetString();
        using (var refused = await PostAsync($"licensing/api/licences/{reference}/grants", """{"grantedOn":"2016-01-20"}"""))
        {
            var problem = await AssertRuleAsync(refused, "vehicle-not-licensable");
            Assert.Equal(["over-age"], problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        }
        var granted = await PostOkAsync($"licensing/api/licences/{reference}/grants", """{"grantedOn":"2016-01-20","exceptionalConditionReason":"Inspected: as new, 30,000 miles"}""");
        var grant = granted.GetProperty("grants")[0];
        Assert.Equal("Inspected: as new, 30,000 miles", grant.GetProperty("exceptionalCondition").GetString());
        Assert.Equal("2017-01-19", grant.GetProperty("expiresOn").GetString());
        Assert.Equal("Active", granted.GetProperty("status").GetString());

        var operatorLicence = await PostOkAsync("licensing/api/operators", """{"name":"Fictional Cars Ltd","appliedOn":"2016-02-01"}""");
        var operatorGrant = await PostOkAsync($"licensing/api/licences/{operatorLicence.GetProperty("licenceReference").GetString()}/grants", """{"grantedOn":"2016-02-15"}""");
        Assert.Equal("2021-02-14", operatorGrant.GetProperty("grants")[0].GetProperty("expiresOn").GetString());
        using var shorter = await PostAsync($"licensing/api/licences/{reference}/grants", """{"grantedOn":"2017-01-20","termMonths":6}""");
        await AssertFieldAsync(shorter, "shorterTermReason");
    }

    /// <summary>Drivers who come to a hearing applied before it: a hearing cannot be held before the application.</summary>
    private const string HeardDriversAppliedOn = "2016-01-04";

    private async Task<Guid> CreateDriverAsync(string name, string dateOfBirth, string type, string? niNumber = null, string? appliedOn = null)
    {
        var body = JsonSerializer.Serialize(new { name, dateOfBirth, licenceType = type, niNumber, appliedOn });
        return (await PostOkAsync("licensing/api/drivers", body)).GetProperty("id").GetGuid();
    }

    private Task<JsonElement> ScheduleAsync(Guid driver, string heldOn, string grounds, string members = "[]") =>
        PostOkAsync("licensing/api/hearings", $$"""{"driverId":"{{driver}}","heldOn":"{{heldOn}}","grounds":"{{grounds}}","members":{{members}}}""");

    private async Task<JsonElement> DecideAsync(Guid hearing, string body) =>
        (await PostOkAsync($"licensing/api/hearings/{hearing}/decision", body)).GetProperty("decision");

    private Task<HttpResponseMessage> PostAsync(string uri, string body) => Http.PostAsync(uri, Json(body));

    private async Task<JsonElement> PostOkAsync(string uri, string body)
    {
        using var response = await PostAsync(uri, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {uri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> GetJsonAsync(string uri)
    {
        using var response = await Http.GetAsync(uri);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertRuleAsync(HttpResponseMessage response, string rule)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"expected 409 {rule}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 naming {field}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith("." + field, StringComparison.OrdinalIgnoreCase)),
            $"errors do not name {field}: {errors}");
    }
}
