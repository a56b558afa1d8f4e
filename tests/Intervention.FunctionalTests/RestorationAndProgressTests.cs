using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
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
        // 26 February 2015: the Commissioners take children's social care.
        await IssueAsync("2015-02-26", "2015-02-26T00:00:00Z", (Csc, Authority.Commissioners), ("licensing", Authority.Commissioners));

        // Three tests Green, quality assurance Amber: no recommendation, and the test is named.
        await AssessAsync(ReturnTest.GoodEnoughService, Rag.Green, "2017-11-01T10:00:00Z");
        await AssessAsync(ReturnTest.OfficerLeadership, Rag.Green, "2017-11-01T10:00:00Z");
        await AssessAsync(ReturnTest.QualityAssured, Rag.Amber, "2017-11-01T10:00:00Z");
        await AssessAsync(ReturnTest.CouncillorsReady, Rag.Green, "2017-11-01T10:00:00Z");
        var refused = await Refused.ByRuleAsync(() => Governance.RecommendReturnAsync(Csc, Recommendation("2017-11-11")), "four-tests-not-green");
        Assert.Equal(["QualityAssured"], refused.GetProperty("failingTests").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("QualityAssured is Amber", refused.GetProperty("detail").GetString());

        // Out of order: nothing to be minded to, no representations yet.
        await Refused.ByRuleAsync(() => Governance.MindedToAsync(Csc, MindedTo("2017-12-01", "DfE", "2018-01-12")), "minded-to-follows-recommendation");

        // The Ofsted-equivalent review turns quality assurance Green: the history keeps the Amber.
        await AssessAsync(ReturnTest.QualityAssured, Rag.Green, "2017-12-01T10:00:00Z");
        var standing = await Governance.GetRestorationAsync(Csc);
        Assert.Empty(standing.NotGreen);
        Assert.Equal(5, standing.History.Count);
        Assert.Equal(4, standing.Latest.Count);
        Assert.Equal(Authority.Commissioners, standing.HeldBy);

        Assert.Equal(ReturnStage.Recommended, (await Governance.RecommendReturnAsync(Csc, Recommendation("2017-12-11"))).Stage);
        await Refused.ByRuleAsync(() => Governance.RecommendReturnAsync(Csc, Recommendation("2017-12-12")), "return-already-in-progress");
        await Refused.ByRuleAsync(() => Governance.AddRepresentationAsync(Csc, Representation("2017-12-20", "Rotherham MBC", "Supports the return")), "representations-follow-minded-to");

        Assert.Equal(ReturnStage.MindedTo, (await Governance.MindedToAsync(Csc, MindedTo("2018-01-15", "DfE and MHCLG", "2018-02-26"))).Stage);
        Assert.Single((await Governance.AddRepresentationAsync(Csc, Representation("2018-02-26", "Rotherham MBC", "The council supports the return"))).Representations);
        await Refused.ByRuleAsync(() => Governance.AddRepresentationAsync(Csc, Representation("2018-02-27", "A resident", "Too late")), "representations-closed");

        // Directions that do not give the function back cannot close the return.
        var licensingOnly = await IssueAsync("2018-03-01", "2018-03-01T00:00:00Z", ("licensing", Authority.Council));
        await Refused.ByRuleAsync(() => Governance.CloseReturnAsync(Csc, new CloseReturnRequest { DirectionsId = licensingOnly }), "directions-do-not-return-the-function");

        var returned = await IssueAsync("2018-03-27", "2018-03-27T00:00:00+01:00", (Csc, Authority.Cabinet));
        var done = await Governance.CloseReturnAsync(Csc, new CloseReturnRequest { DirectionsId = returned });
        Assert.Equal((ReturnStage.Returned, returned, 1), (done.Stage, done.ReturnedByDirectionsId, done.Representations.Count));

        // Returned: no longer Commissioners' to assess; the overview no longer lists it.
        await Refused.ByRuleAsync(() => Governance.AssessReturnTestAsync(Csc, new AssessReturnTestRequest { Test = ReturnTest.GoodEnoughService, Rag = Rag.Green, Evidence = "x", Assessor = "Mary Ney" }),
            "function-not-held-by-commissioners");
        Assert.DoesNotContain(await Governance.ListRestorationAsync(), f => f.Function == Csc);
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field_and_unknown_things_are_404()
    {
        var http = _governance;
        await IssueAsync("2015-02-26", "2015-02-26T00:00:00Z", (Csc, Authority.Commissioners));

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
        // A small plan: two objectives, three milestones, one delivered in November 2016. The phase and the codes are this
        // run's own, so the figures count only what this test recorded.
        var run = Guid.NewGuid().ToString("N")[..8];
        var phase = $"Phase Two {run}";
        string Code(string code) => $"{code}-{run}";
        foreach (var o in new[] { "phase-two-01", "phase-two-02" })
            await Governance.PutObjectiveAsync(Code(o), new ImprovementObjectiveRequest { Phase = phase, Title = o });
        foreach (var (m, o) in new[] { ("m-01", "phase-two-01"), ("m-02", "phase-two-01"), ("m-03", "phase-two-02") })
            await Governance.PutMilestoneAsync(Code(m), new ImprovementMilestoneRequest { Objective = Code(o), Title = m, DueOn = new DateOnly(2017, 5, 31) });
        for (var i = 0; i < 2; i++) // a seed run twice adds nothing
            await Governance.AddMilestoneStatusAsync(Code("m-01"), new MilestoneStatusRequest { Status = MilestoneStatus.Delivered, On = new DateOnly(2016, 11, 30) });
        await Governance.AddMilestoneStatusAsync(Code("m-02"), new MilestoneStatusRequest { Status = MilestoneStatus.InProgress, On = new DateOnly(2016, 7, 11) });

        var december = await Governance.GetImprovementPlanSummaryAsync(new DateOnly(2016, 12, 31), phase);
        Assert.Equal((2, 3, 1, 1, 1, 0, 33.3m), (december.Objectives, december.Milestones, december.Delivered, december.InProgress, december.NotStarted, december.Late, december.DeliveredPercent));
        var october = await Governance.GetImprovementPlanSummaryAsync(new DateOnly(2016, 10, 31), phase);
        Assert.Equal(0, october.Delivered);
        var june2017 = await Governance.GetImprovementPlanSummaryAsync(new DateOnly(2017, 6, 1), phase);
        Assert.Equal((1, 2), (june2017.Delivered, june2017.Late));
        Assert.Single((await Governance.GetMilestoneAsync(Code("m-01"))).History);

        // Corporate plan: three measures with data, one without; the share is computed from the counts.
        await Governance.PutCorporateMeasureAsync("2016-17", "Q3", "m-a", new CorporateMeasureRequest { OnTarget = true, Direction = DirectionOfTravel.Improving });
        await Governance.PutCorporateMeasureAsync("2016-17", "Q3", "m-b", new CorporateMeasureRequest { OnTarget = false, Direction = DirectionOfTravel.Declining });
        // The quarter as a person might type it, in lower case.
        await Governance.PutCorporateMeasureAsync("2016-17", "q3", "m-c", new CorporateMeasureRequest { OnTarget = false, Direction = DirectionOfTravel.Stable });
        await Governance.PutCorporateMeasureAsync("2016-17", "Q3", "m-d", new CorporateMeasureRequest { OnTarget = null });
        var q3 = await Governance.GetCorporatePlanQuarterAsync("2016-17", "Q3");
        Assert.Equal(new Share(1, 3, 33.3m), q3.OnTarget);
        Assert.Equal(new Share(1, 3, 33.3m), q3.Improving);
        Assert.Equal(4, q3.Measures.Count);

        // Health check: history kept, the latest assessment first.
        await Governance.AssessHealthCheckFactorAsync(6, new HealthCheckAssessmentRequest { Rag = Rag.Amber, Evidence = "MTFS gap unresolved", AssessedOn = new DateOnly(2018, 2, 27) });
        await Governance.AssessHealthCheckFactorAsync(6, new HealthCheckAssessmentRequest { Rag = Rag.Green, Evidence = "Balanced budget agreed", AssessedOn = new DateOnly(2018, 3, 2), Assessor = "Independent Health Check" });
        var factors = await Governance.ListHealthCheckFactorsAsync();
        Assert.Equal(10, factors.Count);
        Assert.Equal((Rag.Green, 2), (factors[5].Latest!.Rag, factors[5].History.Count));
        Assert.Null(factors[0].Latest);

        // Commissioner days: 200 pooled days in 2018/19, about 40 used.
        var days = await Governance.PutCommissionerDaysAsync("2018-19", new CommissionerDaysRequest { AllocatedDays = 200, DaysUsed = 40, Commissioners = 3, Note = "final estimate" });
        Assert.Equal(new CommissionerDays("2018-19", 200m, 40m, 160m, 3, "final estimate"), days);
    }

    private IGovernanceApi Governance => shared.System.Api<IGovernanceApi>();

    private async Task<Guid> IssueAsync(string issuedOn, string effectiveFrom, params (string Function, Authority Authority)[] assignments) =>
        (await Governance.IssueDirectionsAsync(new IssueDirectionsRequest
        {
            IssuedOn = DateOnly.Parse(issuedOn),
            IssuedBy = ["DCLG", "DfE"],
            EffectiveFrom = DateTimeOffset.Parse(effectiveFrom),
            InterventionEndsOn = issuedOn == "2015-02-26" ? new DateOnly(2019, 3, 31) : null,
            Assignments = assignments.Select(a => new FunctionAssignment { Function = a.Function, Authority = a.Authority, Oversight = Oversight.None }).ToList(),
        })).Id;

    private Task AssessAsync(ReturnTest test, Rag rag, string assessedAt) =>
        Governance.AssessReturnTestAsync(Csc, new AssessReturnTestRequest
        {
            Test = test, Rag = rag, Evidence = $"{test} {rag} at the quarterly review", Assessor = "Mary Ney", AssessedAt = DateTimeOffset.Parse(assessedAt),
        });

    private static RecommendReturnRequest Recommendation(string on) => new() { RecommendedOn = DateOnly.Parse(on), RecommendedBy = "Mary Ney" };

    private static MindedToRequest MindedTo(string on, string department, string representationsCloseOn) =>
        new() { MindedToOn = DateOnly.Parse(on), Department = department, RepresentationsCloseOn = DateOnly.Parse(representationsCloseOn) };

    private static RepresentationRequest Representation(string receivedOn, string from, string summary) =>
        new() { ReceivedOn = DateOnly.Parse(receivedOn), From = from, Summary = summary };

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
/// Each quarterly review is announced once, through the outbox, even across a restart: on the system with its own settings,
/// whose governance has a review date that has arrived.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class ReviewAnnouncementTests(OwnSettingsSystem own)
{
    [Fact]
    public async Task A_review_date_that_arrives_is_announced_once_through_the_outbox_even_across_a_restart()
    {
        // This system's governance has today's review (arrived at midnight, before the service started) and one to come.
        var (today, later) = (own.Today, own.Later);
        var system = own.System;
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

        var reviews = await system.Api<IGovernanceApi>().ListReviewsAsync();
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
