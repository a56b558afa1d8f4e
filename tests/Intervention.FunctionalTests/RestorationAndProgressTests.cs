using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Npgsql;
using RabbitMQ.Client;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests;

/// <summary>
/// The road back to normal powers and the evidence for it, over HTTP against a running governance with
/// real PostgreSQL and RabbitMQ: the four tests gate the recommendation and the steps follow in order. On the shared
/// system: only these tests assess and return children's social care, and the progress evidence is counted for this
/// test's own phase of the plan.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class RestorationAndProgressTests(SharedSystem shared) : IDisposable
{
    private const string Csc = "childrens-social-care";

    private readonly HttpClient _governance = shared.System.Service("governance");

    public void Dispose() => _governance.Dispose();

    [Fact]
    public async Task Childrens_social_care_returns_by_four_green_tests_minded_to_representations_and_new_Directions()
    {
        var http = _governance;

        // 26 February 2015: the Commissioners take children's social care.
        await IssueAsync(http, "2015-02-26", "2015-02-26T00:00:00Z", (Csc, Authority.Commissioners), ("licensing", Authority.Commissioners));

        // Three tests Green, quality assurance Amber: no recommendation, and the test is named.
        await AssessAsync(http, ReturnTest.GoodEnoughService, Rag.Green, "2017-11-01T10:00:00Z");
        await AssessAsync(http, ReturnTest.OfficerLeadership, Rag.Green, "2017-11-01T10:00:00Z");
        await AssessAsync(http, ReturnTest.QualityAssured, Rag.Amber, "2017-11-01T10:00:00Z");
        await AssessAsync(http, ReturnTest.CouncillorsReady, Rag.Green, "2017-11-01T10:00:00Z");
        var refused = await ConflictAsync(http, "recommendation", new { recommendedOn = "2017-11-11", recommendedBy = "Mary Ney" }, "four-tests-not-green");
        Assert.Equal(["QualityAssured"], refused.GetProperty("failingTests").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("QualityAssured is Amber", refused.GetProperty("detail").GetString());

        // Out of order: nothing to be minded to, no representations yet.
        await ConflictAsync(http, "minded-to", new { mindedToOn = "2017-12-01", department = "DfE", representationsCloseOn = "2018-01-12" }, "minded-to-follows-recommendation");

        // The Ofsted-equivalent review turns quality assurance Green: the history keeps the Amber.
        await AssessAsync(http, ReturnTest.QualityAssured, Rag.Green, "2017-12-01T10:00:00Z");
        var standing = await http.GetFromJsonAsync<FunctionRestoration>($"api/restoration/{Csc}", ContractJson.Options);
        Assert.Empty(standing!.NotGreen);
        Assert.Equal(5, standing.History.Count);
        Assert.Equal(4, standing.Latest.Count);
        Assert.Equal(Authority.Commissioners, standing.HeldBy);

        using (var recommended = await PostAsync(http, "recommendation", new { recommendedOn = "2017-12-11", recommendedBy = "Mary Ney" }))
        {
            Assert.Equal(HttpStatusCode.Created, recommended.StatusCode);
            Assert.Equal(ReturnStage.Recommended, (await recommended.Content.ReadFromJsonAsync<FunctionReturn>(ContractJson.Options))!.Stage);
        }
        await ConflictAsync(http, "recommendation", new { recommendedOn = "2017-12-12", recommendedBy = "Mary Ney" }, "return-already-in-progress");
        await ConflictAsync(http, "representations", new { receivedOn = "2017-12-20", from = "Rotherham MBC", summary = "Supports the return" }, "representations-follow-minded-to");

        using (var mindedTo = await PostAsync(http, "minded-to", new { mindedToOn = "2018-01-15", department = "DfE and MHCLG", representationsCloseOn = "2018-02-26" }))
            Assert.Equal(HttpStatusCode.OK, mindedTo.StatusCode);
        using (var inTime = await PostAsync(http, "representations", new { receivedOn = "2018-02-26", from = "Rotherham MBC", summary = "The council supports the return" }))
            Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        await ConflictAsync(http, "representations", new { receivedOn = "2018-02-27", from = "A resident", summary = "Too late" }, "representations-closed");

        // Directions that do not give the function back cannot close the return.
        var licensingOnly = await IssueAsync(http, "2018-03-01", "2018-03-01T00:00:00Z", ("licensing", Authority.Council));
        await ConflictAsync(http, "directions", new { directionsId = licensingOnly }, "directions-do-not-return-the-function");

        var returned = await IssueAsync(http, "2018-03-27", "2018-03-27T00:00:00+01:00", (Csc, Authority.Cabinet));
        using (var closed = await PostAsync(http, "directions", new { directionsId = returned }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            var done = (await closed.Content.ReadFromJsonAsync<FunctionReturn>(ContractJson.Options))!;
            Assert.Equal((ReturnStage.Returned, returned, 1), (done.Stage, done.ReturnedByDirectionsId, done.Representations.Count));
        }

        // Returned: no longer Commissioners' to assess; the overview no longer lists it.
        await ConflictAsync(http, "assessments", new { test = "GoodEnoughService", rag = "Green", evidence = "x", assessor = "Mary Ney" }, "function-not-held-by-commissioners");
        var overview = await http.GetFromJsonAsync<List<FunctionRestoration>>("api/restoration", ContractJson.Options);
        Assert.DoesNotContain(overview!, f => f.Function == Csc);
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field_and_unknown_things_are_404()
    {
        var http = _governance;
        await IssueAsync(http, "2015-02-26", "2015-02-26T00:00:00Z", (Csc, Authority.Commissioners));

        await BadRequestAsync(http.PostAsJsonAsync($"api/restoration/{Csc}/assessments", new { test = "QualityAssured", rag = "Purple", evidence = "e", assessor = "a" }), "rag");
        await BadRequestAsync(http.PostAsJsonAsync($"api/restoration/{Csc}/assessments", new { test = "QualityAssured", rag = "Green", assessor = "a" }), "evidence");
        await BadRequestAsync(http.PostAsJsonAsync($"api/restoration/{Csc}/directions", new { directionsId = Guid.NewGuid() }), "directionsId");
        await BadRequestAsync(http.GetAsync("api/improvement-plan/summary?asAt=31/12/2016"), "asAt");
        await BadRequestAsync(http.GetAsync("api/corporate-plan/2016-18/Q3"), "year");
        await BadRequestAsync(http.GetAsync("api/corporate-plan/2016-17/Q5"), "quarter");
        await BadRequestAsync(http.PutAsJsonAsync("api/commissioner-days/2018-19", new { allocatedDays = 200 }), "daysUsed");
        await BadRequestAsync(http.PutAsJsonAsync("api/improvement-plan/milestones/m-1", new { objective = "no-such-objective", title = "t", dueOn = "2017-05-31" }), "objective");

        foreach (var path in new[] { "api/restoration/taxis", "api/improvement-plan/milestones/no-such-milestone", "api/health-check/factors/11", "api/corporate-plan/2016-17/Q1", "api/commissioner-days/2014-15" })
        {
            using var missing = await http.GetAsync(path);
            Assert.True(missing.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)missing.StatusCode}");
        }
    }

    [Fact]
    public async Task Progress_evidence_is_counted_when_asked_from_what_was_recorded()
    {
        var http = _governance;

        // A small plan: two objectives, three milestones, one delivered in November 2016. The phase and the codes are this
        // run's own, so the figures count only what this test recorded.
        var run = Guid.NewGuid().ToString("N")[..8];
        var phase = $"Phase Two {run}";
        string Code(string code) => $"{code}-{run}";
        foreach (var o in new[] { "phase-two-01", "phase-two-02" })
            (await http.PutAsJsonAsync($"api/improvement-plan/objectives/{Code(o)}", new { phase, title = o })).EnsureSuccessStatusCode();
        foreach (var (m, o) in new[] { ("m-01", "phase-two-01"), ("m-02", "phase-two-01"), ("m-03", "phase-two-02") })
            (await http.PutAsJsonAsync($"api/improvement-plan/milestones/{Code(m)}", new { objective = Code(o), title = m, dueOn = "2017-05-31" })).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++) // a seed run twice adds nothing
            (await http.PostAsJsonAsync($"api/improvement-plan/milestones/{Code("m-01")}/status", new { status = "Delivered", on = "2016-11-30" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"api/improvement-plan/milestones/{Code("m-02")}/status", new { status = "InProgress", on = "2016-07-11" })).EnsureSuccessStatusCode();

        var ofPhase = $"phase={Uri.EscapeDataString(phase)}";
        var december = await http.GetFromJsonAsync<ImprovementPlanSummary>($"api/improvement-plan/summary?asAt=2016-12-31&{ofPhase}", ContractJson.Options);
        Assert.Equal((2, 3, 1, 1, 1, 0, 33.3m), (december!.Objectives, december.Milestones, december.Delivered, december.InProgress, december.NotStarted, december.Late, december.DeliveredPercent));
        var october = await http.GetFromJsonAsync<ImprovementPlanSummary>($"api/improvement-plan/summary?asAt=2016-10-31&{ofPhase}", ContractJson.Options);
        Assert.Equal(0, october!.Delivered);
        var june2017 = await http.GetFromJsonAsync<ImprovementPlanSummary>($"api/improvement-plan/summary?asAt=2017-06-01&{ofPhase}", ContractJson.Options);
        Assert.Equal((1, 2), (june2017!.Delivered, june2017.Late));
        Assert.Single((await http.GetFromJsonAsync<ImprovementMilestone>($"api/improvement-plan/milestones/{Code("m-01")}", ContractJson.Options))!.History);

        // Corporate plan: three measures with data, one without; the share is computed from the counts.
        (await http.PutAsJsonAsync("api/corporate-plan/2016-17/Q3/measures/m-a", new { onTarget = true, direction = "Improving" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync("api/corporate-plan/2016-17/Q3/measures/m-b", new { onTarget = false, direction = "Declining" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync("api/corporate-plan/2016-17/q3/measures/m-c", new { onTarget = false, direction = "Stable" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync("api/corporate-plan/2016-17/Q3/measures/m-d", new { onTarget = (bool?)null })).EnsureSuccessStatusCode();
        var q3 = await http.GetFromJsonAsync<CorporatePlanQuarter>("api/corporate-plan/2016-17/Q3", ContractJson.Options);
        Assert.Equal(new Share(1, 3, 33.3m), q3!.OnTarget);
        Assert.Equal(new Share(1, 3, 33.3m), q3.Improving);
        Assert.Equal(4, q3.Measures.Count);

        // Health check: history kept, the latest assessment first.
        (await http.PostAsJsonAsync("api/health-check/factors/6/assessments", new { rag = "Amber", evidence = "MTFS gap unresolved", assessedOn = "2018-02-27" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("api/health-check/factors/6/assessments", new { rag = "Green", evidence = "Balanced budget agreed", assessedOn = "2018-03-02", assessor = "Independent Health Check" })).EnsureSuccessStatusCode();
        var factors = await http.GetFromJsonAsync<List<HealthCheckFactor>>("api/health-check", ContractJson.Options);
        Assert.Equal(10, factors!.Count);
        Assert.Equal((Rag.Green, 2), (factors[5].Latest!.Rag, factors[5].History.Count));
        Assert.Null(factors[0].Latest);

        // Commissioner days: 200 pooled days in 2018/19, about 40 used.
        using var put = await http.PutAsJsonAsync("api/commissioner-days/2018-19", new { allocatedDays = 200, daysUsed = 40, commissioners = 3, note = "final estimate" });
        Assert.Equal(new CommissionerDays("2018-19", 200m, 40m, 160m, 3, "final estimate"), await put.Content.ReadFromJsonAsync<CommissionerDays>(ContractJson.Options));
    }

    private static async Task<Guid> IssueAsync(HttpClient http, string issuedOn, string effectiveFrom, params (string Function, Authority Authority)[] assignments)
    {
        var request = new IssueDirectionsRequest
        {
            IssuedOn = DateOnly.Parse(issuedOn),
            IssuedBy = ["DCLG", "DfE"],
            EffectiveFrom = DateTimeOffset.Parse(effectiveFrom),
            InterventionEndsOn = issuedOn == "2015-02-26" ? new DateOnly(2019, 3, 31) : null,
            Assignments = assignments.Select(a => new FunctionAssignment { Function = a.Function, Authority = a.Authority, Oversight = Oversight.None }).ToList(),
        };
        using var response = await http.PostAsJsonAsync("api/directions", request, ContractJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Directions of {issuedOn}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options))!.Id;
    }

    private static async Task AssessAsync(HttpClient http, ReturnTest test, Rag rag, string assessedAt)
    {
        using var response = await PostAsync(http, "assessments", new { test = test.ToString(), rag = rag.ToString(), evidence = $"{test} {rag} at the quarterly review", assessor = "Mary Ney", assessedAt });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{test}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string step, object body) =>
        http.PostAsJsonAsync($"api/restoration/{Csc}/{step}", body, ContractJson.Options);

    /// <summary>Asserts a 409 problem naming <paramref name="rule"/>; returns the problem.</summary>
    private static async Task<JsonElement> ConflictAsync(HttpClient http, string step, object body, string rule)
    {
        using var response = await PostAsync(http, step, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{step}: expected 409 {rule}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    private static async Task BadRequestAsync(Task<HttpResponseMessage> call, string field)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 naming '{field}', got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors name {errors} but not '{field}'");
    }
}

/// <summary>
/// Each quarterly review is announced once, through the outbox, even across a restart: on the tuned system, whose
/// governance has a review date that has arrived.
/// </summary>
[Collection(TunedSystem.Name)]
public sealed class ReviewAnnouncementTests(TunedSystem tuned)
{
    [Fact]
    public async Task A_review_date_that_arrives_is_announced_once_through_the_outbox_even_across_a_restart()
    {
        // The tuned system's governance has today's review (arrived at midnight, before the service started) and one to come.
        var (today, later) = (tuned.Today, tuned.Later);
        var system = tuned.System;
        using var governance = system.Service("governance");
        const string reviewDue = "Intervention.Contracts.Governance.ReviewDue";
        var published = $"SELECT count(*) FROM outbox_messages WHERE message_type = '{reviewDue}' AND published_at IS NOT NULL";

        await Eventually.WaitUntilAsync(async () => await system.CountAsync("governance", published) == 1,
            TimeSpan.FromSeconds(30), () => $"ReviewDue was not published.\n{system.Logs("governance", 20)}");

        // Checked again every half second, and again after a restart: still one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await system.StopResourceAsync("governance");
        await system.StartResourceAsync("governance");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await system.CountAsync("governance", $"SELECT count(*) FROM outbox_messages WHERE message_type = '{reviewDue}'"));

        var review = await ReadEventAsync(system, reviewDue);
        Assert.Equal(today, review.ReviewDate);
        Assert.Empty(review.Functions); // no Directions recorded on this system: Commissioners held nothing

        // It went to the contract's exchange on the broker (MassTransit declares it on first publish).
        var factory = new ConnectionFactory { Uri = new Uri(await system.ConnectionStringAsync("messaging")) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
            await channel.ExchangeDeclarePassiveAsync("Intervention.Contracts.Governance:ReviewDue");

        var reviews = (await governance.GetFromJsonAsync<List<QuarterlyReview>>("api/reviews", ContractJson.Options))!;
        Assert.Equal([(today, true), (later, false)], reviews.Select(r => (r.ReviewDate, r.Announced)));
        Assert.Equal(review.OccurredAt, reviews[0].AnnouncedAt);
    }

    private static async Task<ReviewDue> ReadEventAsync(AspireSystem system, string messageType)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync("governancedb"));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT body::text FROM outbox_messages WHERE message_type = @t", connection);
        cmd.Parameters.AddWithValue("t", messageType);
        return JsonSerializer.Deserialize<ReviewDue>((string)(await cmd.ExecuteScalarAsync())!, ContractJson.Options)!;
    }
}
