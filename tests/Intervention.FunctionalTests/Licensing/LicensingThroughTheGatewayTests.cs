using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
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
    private ILicensingApi Licensing => fixture.System.Api<ILicensingApi>();

    [Fact]
    public async Task A_2012_violence_conviction_needs_a_hearing_in_2015_and_the_hearings_of_June_2016_and_February_2017_are_decided_by_the_Commissioners_and_the_Licensing_Board()
    {
        var driver = await CreateDriverAsync("Test Driver One", "1980-04-02", LicenceType.PrivateHire, appliedOn: HeardDriversAppliedOn);
        await Licensing.AddConvictionAsync(driver.Id, new NewConviction("Violence", new DateOnly(2012, 3, 1), SentenceEndsOn: new DateOnly(2012, 6, 1)));

        var fitness = await Licensing.GetFitnessAsync(driver.Id, new DateOnly(2015, 7, 1));
        Assert.Equal(FitnessOutcome.NeedsHearing, fitness.Outcome);
        Assert.Contains("conviction-inside-period", fitness.Reasons.Select(r => r.Code));
        Assert.False(fitness.OfficerMayGrant);

        // June 2016: the Commissioners held licensing. Revoked with immediate effect: effective the day of notice.
        var june = await ScheduleAsync(driver, "2016-06-15", "Conviction for violence inside its 10-year period");
        Assert.Equal(Authority.Commissioners, june.DecisionMaker.Authority);
        var juneDecision = await DecideAsync(june, HearingOutcome.Revocation, "Violence inside its period; risk to passengers", DecisionGrounds.Safeguarding, immediate: true, "2016-06-15");
        Assert.Equal(new DateOnly(2016, 6, 15), juneDecision.EffectiveOn);
        Assert.Equal("immediate-public-safety", juneDecision.EffectRule);

        // February 2017: the Directions of December 2016 returned licensing to the council (the Licensing Board). Without
        // immediate effect: 21 days after notice.
        var second = await CreateDriverAsync("Test Driver Two", "1975-01-20", LicenceType.HackneyCarriage, appliedOn: HeardDriversAppliedOn);
        var february = await ScheduleAsync(second, "2017-02-15", "Failure to report an arrest");
        Assert.Equal((Authority.Council, "Licensing Board"), (february.DecisionMaker.Authority, february.DecisionMaker.Name));
        var februaryDecision = await DecideAsync(february, HearingOutcome.Revocation, "Not fit and proper", DecisionGrounds.RoadSafety, immediate: false, "2017-02-15");
        Assert.Equal(new DateOnly(2017, 3, 8), februaryDecision.EffectiveOn);
        Assert.Equal("21-days-after-notice", februaryDecision.EffectRule);

        // Governance's decision register holds both, each checked against the Directions and found valid.
        var ids = new[] { juneDecision.DecisionId, februaryDecision.DecisionId };
        var watch = Stopwatch.StartNew();
        List<DecisionDetail> register = [];
        await WaitUntilAsync(async () =>
        {
            register = (await fixture.System.Api<IGovernanceApi>().ListDecisionsAsync(function: "licensing")).Where(d => ids.Contains(d.Id)).ToList();
            return register.Count == 2;
        }, TimeSpan.FromSeconds(30), () => $"the decision register holds {register.Count} of the 2 licensing decisions");
        Measurements.Record($"licensing decision -> governance register: {watch.ElapsedMilliseconds} ms");
        Assert.All(register, d => Assert.Equal(DecisionStatus.Valid, d.Status));
        Assert.Equal(["Commissioners (licensing)", "Licensing Board"], register.OrderBy(d => d.DecidedAt).Select(d => d.DeciderName));
        Assert.Equal([Authority.Commissioners, Authority.Council], register.OrderBy(d => d.DecidedAt).Select(d => d.Authority));

        // The licence's status follows the effective dates.
        Assert.Equal(LicenceStatus.Applied, (await Licensing.GetLicenceAsync(february.LicenceReference, new DateOnly(2017, 3, 7))).Status);
        Assert.Equal(LicenceStatus.Revoked, (await Licensing.GetLicenceAsync(february.LicenceReference, new DateOnly(2017, 3, 8))).Status);
    }

    [Fact]
    public async Task A_safeguarding_revocation_goes_to_the_national_register_and_the_children_front_door_event_and_a_later_search_finds_it()
    {
        var driver = await CreateDriverAsync("Register Match", "1970-07-07", LicenceType.PrivateHire, niNumber: "QQ 12 34 56 C", appliedOn: HeardDriversAppliedOn);
        var hearing = await ScheduleAsync(driver, "2016-03-01", "Police intelligence");
        var decision = await DecideAsync(hearing, HearingOutcome.Revocation, "Intelligence of exploitation", DecisionGrounds.Safeguarding, immediate: true, "2016-03-01");
        Assert.True(decision.NationalRegister);
        var decisionId = decision.DecisionId;

        // The events left through the outbox, naming the licence only.
        foreach (var type in new[] { "SafeguardingConcernRaised", "LicensingDecisionMade", "DecisionRecorded" })
            await WaitUntilAsync(async () => await fixture.System.CountAsync("licensing",
                    $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.{type}' AND body->>'decisionId' = '{decisionId}' AND published_at IS NOT NULL") == 1,
                TimeSpan.FromSeconds(20), () => $"{type} for decision {decisionId} was not published");
        Assert.Equal(0, await fixture.System.CountAsync("licensing",
            $"SELECT count(*) FROM outbox_messages WHERE body->>'decisionId' = '{decisionId}' AND (body::text LIKE '%Register Match%' OR body::text LIKE '%QQ123456C%' OR body::text LIKE '%1970-07-07%')"));

        // The same person applies again under another licence: the search finds the entry, which means a hearing, never a refusal by itself.
        var again = await CreateDriverAsync("Register Match", "1970-07-07", LicenceType.HackneyCarriage, niNumber: "QQ123456C");
        var search = await Licensing.SearchNationalRegisterAsync(again.Id, new SearchRegister(new DateOnly(2017, 1, 10)));
        Assert.True(search.Match);
        var fitness = await Licensing.GetFitnessAsync(again.Id, new DateOnly(2017, 1, 10));
        Assert.Equal(FitnessOutcome.NeedsHearing, fitness.Outcome);
        Assert.Contains("register-match", fitness.Reasons.Select(r => r.Code));

        // Every read of a driver's fitness is logged as what it is, with its purpose ('fitness check' when none is given).
        Assert.True(await fixture.System.CountAsync("licensing", $"SELECT count(*) FROM audit_log WHERE action = 'read' AND what = 'driver fitness' AND resource = '/api/drivers/{again.Id}/fitness' AND purpose = 'fitness check' AND actor = 'functional-tests'") >= 1);
    }

    [Fact]
    public async Task An_appeal_lodged_within_21_days_holds_the_decision_until_the_court_dismisses_it_and_AppealDetermined_is_published()
    {
        var driver = await CreateDriverAsync("Appellant", "1979-02-28", LicenceType.PrivateHire, appliedOn: HeardDriversAppliedOn);
        var hearing = await ScheduleAsync(driver, "2017-03-01", "Conviction for a taxi offence");
        var decision = await DecideAsync(hearing, HearingOutcome.Suspension, "Taxi offence", DecisionGrounds.Other, immediate: false, "2017-03-01");
        Assert.Equal(new DateOnly(2017, 3, 22), decision.EffectiveOn);
        Assert.Equal(new DateOnly(2017, 3, 22), decision.LastDayToAppeal);

        var appeal = await Licensing.LodgeAppealAsync(hearing.Id, new LodgeAppeal(new DateOnly(2017, 3, 22)));
        Assert.Null(appeal.DecisionEffectiveOn);
        Assert.Equal("appeal-pending", appeal.EffectRule);

        var after = await Licensing.DetermineAppealAsync(appeal.Id, new DetermineAppeal(AppealOutcome.Dismissed, new DateOnly(2017, 5, 10)));
        Assert.Equal(new DateOnly(2017, 5, 10), after.DecisionEffectiveOn);

        var rate = await Licensing.GetDefendedRateAsync(new DateOnly(2017, 5, 1), new DateOnly(2017, 5, 31));
        Assert.True(rate.Dismissed >= 1);
        await WaitUntilAsync(async () => await fixture.System.CountAsync("licensing",
                $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.AppealDetermined' AND body->>'appealId' = '{appeal.Id}' AND published_at IS NOT NULL") == 1,
            TimeSpan.FromSeconds(20), () => "AppealDetermined was not published");
    }

    [Fact]
    public async Task The_audit_checks_every_licensed_driver_shows_its_progress_and_lists_those_to_call_to_a_hearing()
    {
        var september2015 = new DateOnly(2015, 9, 1);
        var counts = await Licensing.CountLicencesAsync(september2015);
        var licensed = counts.Where(c => c.Type is LicenceType.PrivateHire or LicenceType.HackneyCarriage && c.Status is LicenceStatus.Active or LicenceStatus.Suspended)
            .Sum(c => c.Count);
        Assert.True(licensed >= SeededSystem.SeededDrivers, $"{licensed} drivers licensed on 2015-09-01");

        var watch = Stopwatch.StartNew();
        var audit = await Licensing.StartAuditAsync(new StartAudit(september2015));
        await WaitUntilAsync(async () => (audit = await Licensing.GetAuditAsync(audit.Id)).Status == AuditStatus.Completed,
            TimeSpan.FromSeconds(60), () => $"the audit did not complete: {audit}");
        Measurements.Record($"licensing audit of {licensed} drivers: {watch.ElapsedMilliseconds} ms from POST to completed (service says {audit.Seconds} s)");

        Assert.Equal(licensed, audit.DriversTotal);
        Assert.Equal(licensed, audit.DriversChecked);
        var needsHearing = audit.Outcomes[FitnessOutcome.NeedsHearing];
        Assert.Equal(licensed, audit.Outcomes[FitnessOutcome.Fit] + audit.Outcomes[FitnessOutcome.NotFit] + needsHearing);

        // The list agrees, driver by driver, with the fitness check an officer would run.
        var list = await Licensing.GetAuditHearingListAsync(audit.Id);
        Assert.Equal(needsHearing, list.Count);
        Assert.NotEmpty(list);
        foreach (var entry in list.Take(10))
        {
            var fitness = await Licensing.GetFitnessAsync(entry.DriverId, september2015);
            Assert.Equal(FitnessOutcome.NeedsHearing, fitness.Outcome);
            Assert.Equal(entry.Reasons.Count, fitness.Reasons.Count);
        }
    }

    [Theory]
    [InlineData("""{"category":"Shoplifting","convictedOn":"2012-03-01"}""", "category")]
    [InlineData("""{"category":"Violence","convictedOn":"2099-03-01"}""", "convictedOn")]
    [InlineData("""{"category":"Violence","convictedOn":"01/03/2012"}""", "convictedOn")]
    [InlineData("""{"category":"Violence","convictedOn":"2012-03-01","sentenceEndsOn":"2011-01-01"}""", "sentenceEndsOn")]
    public async Task A_bad_conviction_is_refused_with_problem_details_naming_the_field(string body, string field)
    {
        var driver = await CreateDriverAsync("Bad Input", "1990-01-01", LicenceType.PrivateHire);
        using var response = await PostAsync($"licensing/api/drivers/{driver.Id}/convictions", body);
        await AssertFieldAsync(response, field);
    }

    /// <summary>
    /// A grant is decided on what is on file: the driver's convictions and the vehicle as recorded (the rules themselves are
    /// LicenceGrantTests').
    /// </summary>
    [Fact]
    public async Task A_grant_reads_the_drivers_convictions_and_the_vehicle_on_file()
    {
        var driver = await CreateDriverAsync("Grant Refused", "1982-05-05", LicenceType.PrivateHire, appliedOn: "2016-12-01");
        await Licensing.AddConvictionAsync(driver.Id, new NewConviction("SexualOffence", new DateOnly(2001, 3, 1)));
        var problem = await Refused.ByRuleAsync(
            () => Licensing.GrantLicenceAsync(driver.LicenceReference, new GrantRequest(new DateOnly(2017, 1, 1))), "officer-cannot-grant");
        Assert.Contains("conviction-never-period", problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        var registration = $"YT{Random.Shared.Next(10, 99)}ABC";
        var vehicle = await Licensing.CreateVehicleAsync(new NewVehicle(registration, new DateOnly(2010, 5, 1), InsuranceWriteOff: false, CctvCertifiedOn: new DateOnly(2016, 1, 5),
            CctvRecordsVideo: true, CctvRecordsAudio: true, AppliedOn: new DateOnly(2016, 1, 10)));
        var granted = await Licensing.GrantLicenceAsync(vehicle.LicenceReference,
            new GrantRequest(new DateOnly(2016, 1, 20), ExceptionalConditionReason: "Inspected: as new, 30,000 miles"));
        Assert.Equal(("Inspected: as new, 30,000 miles", LicenceStatus.Active), (granted.Grants[0].ExceptionalCondition, granted.Status));
    }

    /// <summary>Drivers who come to a hearing applied before it: a hearing cannot be held before the application.</summary>
    private const string HeardDriversAppliedOn = "2016-01-04";

    private Task<DriverCreated> CreateDriverAsync(string name, string dateOfBirth, LicenceType type, string? niNumber = null, string? appliedOn = null) =>
        Licensing.CreateDriverAsync(new NewDriver(name, DateOnly.Parse(dateOfBirth), type, NiNumber: niNumber, AppliedOn: appliedOn is null ? null : DateOnly.Parse(appliedOn)));

    private Task<HearingView> ScheduleAsync(DriverCreated driver, string heldOn, string grounds, List<NewMember>? members = null) =>
        Licensing.ScheduleHearingAsync(new ScheduleHearing(driver.Id, DateOnly.Parse(heldOn), grounds, members ?? []));

    private async Task<DecisionView> DecideAsync(HearingView hearing, HearingOutcome outcome, string reasons, DecisionGrounds grounds, bool immediate, string noticeGivenOn) =>
        (await Licensing.DecideHearingAsync(hearing.Id, new DecideHearing(outcome, reasons, grounds, immediate, DateOnly.Parse(noticeGivenOn)))).Decision!;

    /// <summary>Bad input, as a client that does not use the contract would send it.</summary>
    private Task<HttpResponseMessage> PostAsync(string uri, string body) => Http.PostAsync(uri, new StringContent(body, Encoding.UTF8, "application/json"));

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
