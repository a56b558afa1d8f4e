using System.Net;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Finance.Http;
using Xunit;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// Bad input to finance gets problem details naming the field and the rule; a broken rule is a 409 naming it. Never a 500.
/// On the shared system, over one directorate, its cost centres and budgets, and a small MTFS, set up once; reports are
/// read for that directorate, since others' may be there too.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class FinanceBadInputTests(SharedSystem shared) : IDisposable
{
    private const string Directorate = "adult-care";
    private static readonly SemaphoreSlim SettingUp = new(1, 1);
    private static AspireSystem? _setUpOn;
    private readonly HttpClient _finance = shared.System.Service("finance");

    private const string Small = """{"id":"v-two","name":"x","firstYear":"2016/17","years":3,"assumptions":[{"category":"BaseBudget","value":1,"source":"s","asOf":"2016-03-02"},{"category":"BandD","value":1000,"source":"s","asOf":"2016-03-02"},""";
    private const string TaxBases = """{"category":"TaxBase","year":"2017/18","value":1,"source":"s","asOf":"2016-03-02"},{"category":"TaxBase","year":"2018/19","value":1,"source":"s","asOf":"2016-03-02"}""";

    [Theory]
    [InlineData("negative tax base", "api/mtfs", Small + """{"category":"TaxBase","year":"2016/17","value":-5,"source":"s","asOf":"2016-03-02"},""" + TaxBases + "]}", "assumptions[2].value")]
    [InlineData("a year outside the MTFS", "api/mtfs", Small + """{"category":"TaxBase","year":"2016/17","value":5,"source":"s","asOf":"2016-03-02"},""" + TaxBases + """,{"category":"BusinessRates","year":"2021/22","value":5,"source":"s","asOf":"2016-03-02"}]}""", "assumptions[5].year")]
    [InlineData("an unknown assumption category", "api/mtfs", Small + """{"category":"Lottery","year":"2016/17","value":5,"source":"s","asOf":"2016-03-02"}]}""", "assumptions[2].category")]
    [InlineData("an assumption without its source", "api/mtfs", Small + """{"category":"TaxBase","year":"2016/17","value":5,"asOf":"2016-03-02"},""" + TaxBases + "]}", "assumptions[2].source")]
    [InlineData("six years", "api/mtfs", """{"id":"v3","name":"x","firstYear":"2016/17","years":6,"assumptions":[]}""", "years")]
    [InlineData("a year that is not one", "api/mtfs", """{"id":"v3","name":"x","firstYear":"2016/18","years":3,"assumptions":[]}""", "firstYear")]
    [InlineData("malformed JSON", "api/mtfs", """{"id":"v-three",""", "body")]
    [InlineData("a value that is not a number", "api/mtfs", Small + """{"category":"TaxBase","year":"2016/17","value":"lots","source":"s","asOf":"2016-03-02"}]}""", "assumptions[2].value")]
    [InlineData("a scenario changing a year outside its parent", "api/mtfs/bad-input-small/scenarios", """{"id":"s1","name":"x","changes":[{"category":"TaxBase","year":"2019/20","value":5,"source":"s","asOf":"2016-03-02"}]}""", "changes[0].year")]
    public async Task Bad_MTFS_input_is_a_400_naming_the_field(string what, string path, string body, string field) =>
        await AssertNamesFieldAsync(what, await SendAsync(HttpMethod.Post, path, body, setUp: true), field);

    [Theory]
    [InlineData("an unknown directorate", "api/monitoring/cost-centres/schools", """{"directorate":"education","name":"Schools"}""", "directorate")]
    [InlineData("a budget for an unknown cost centre", "api/monitoring/2017-18/budgets/libraries", """{"netBudget":5}""", "costCentre")]
    [InlineData("a budget in a year that is not one", "api/monitoring/2017-19/budgets/central", """{"netBudget":5}""", "year")]
    [InlineData("a forecast for month 13", "api/monitoring/2017-18/forecasts/13/central", """{"actualsToDate":1,"forecastRemaining":1}""", "month")]
    [InlineData("a savings proposal delivering more than its value", "api/monitoring/savings/day-care", """{"year":"2017/18","directorate":"adult-care","description":"d","owner":"o","value":5,"delivered":6,"rag":"Red"}""", "delivered")]
    [InlineData("a savings proposal with an unknown RAG", "api/monitoring/savings/day-care", """{"year":"2017/18","directorate":"adult-care","description":"d","owner":"o","value":5,"delivered":1,"rag":"Blue"}""", "rag")]
    [InlineData("a virement of nothing", "api/monitoring/2017-18/virements/7f1c2b7e-6a0e-4d3e-9d57-2b1f3f0f1a01", """{"from":"central","to":"adult-social-care","amount":0,"reason":"r"}""", "amount")]
    public async Task Bad_monitoring_input_is_a_400_naming_the_field(string what, string path, string body, string field) =>
        await AssertNamesFieldAsync(what, await SendAsync(HttpMethod.Put, path, body, setUp: true), field);

    [Fact]
    public async Task A_bad_forecast_year_is_a_400_naming_the_year()
    {
        await SetUpAsync();
        using var response = await _finance.GetAsync("api/forecast/children-placements?year=2017");
        await AssertNamesFieldAsync("year 2017", response, "year");
    }

    [Fact]
    public async Task A_virement_over_the_threshold_needs_a_Cabinet_decision()
    {
        await SetUpAsync();
        var virement = new VirementRequest { From = "central", To = "care-homes", Amount = 500_000.01m, Reason = "winter pressures" };
        var id = Guid.Parse("1b0ee1f0-94a4-4d6a-8a43-1f7f4e1b0c11");
        await Refused.ByRuleAsync(() => Finance.PutVirementAsync("2017-18", id, virement), "virement-needs-cabinet-approval");

        await Finance.PutVirementAsync("2017-18", id, virement with { CabinetDecision = "Cabinet, 11 December 2017, minute 84" });
        var report = await Finance.GetMonitoringReportAsync("2017-18", 1);
        var centres = report.Directorates.Single(d => d.Code == Directorate).CostCentres;
        Assert.Equal(1_500_000.01m, centres.Single(c => c.Code == "care-homes").Budget);
        Assert.Equal(1_499_999.99m, centres.Single(c => c.Code == "central").Budget);
    }

    [Fact]
    public async Task A_worse_forecast_needs_a_management_action_and_savings_at_risk_feed_the_forecast()
    {
        await SetUpAsync();
        await Finance.PutForecastAsync("2017-18", 3, "adult-social-care", new ForecastReturnRequest { ActualsToDate = 2_500_000m, ForecastRemaining = 7_500_000m });
        var worse = new ForecastReturnRequest { ActualsToDate = 3_400_000m, ForecastRemaining = 6_900_000m };
        await Refused.ByRuleAsync(() => Finance.PutForecastAsync("2017-18", 4, "adult-social-care", worse), "management-action-required");
        await Finance.PutForecastAsync("2017-18", 4, "adult-social-care", worse with { ManagementAction = "Spending controls on care packages; recovery plan to Cabinet" });
        await Finance.PutSavingsProposalAsync("asc-day-care", new SavingsProposalRequest
        {
            Year = "2017/18", Directorate = "adult-care", Description = "Day care modernisation", Owner = "Strategic Director, Adult Care",
            Value = 400_000m, Delivered = 150_000m, Rag = Intervention.Contracts.Http.Rag.Red,
        });

        var report = await Finance.GetMonitoringReportAsync("2017-18", 4);
        var adults = report.Directorates.Single(d => d.Code == Directorate);
        var asc = adults.CostCentres.Single(c => c.Code == "adult-social-care");
        Assert.Equal((10_300_000m, "return P4", Intervention.Contracts.Http.Rag.Amber), (asc.ForecastOutturn, asc.Basis, asc.Rag)); // 3% over
        Assert.Equal(250_000m, adults.SavingsAtRisk);
        Assert.Equal(adults.CostCentres.Sum(c => c.ForecastOutturn) + 250_000m, adults.ForecastOutturn);
        // The crossing from Green (P3 on budget) to Amber (P4) was published.
        Assert.Equal(1, await shared.System.CountAsync("finance", "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%ForecastOutturnChanged' AND body->>'costCentre' = 'adult-social-care' AND body->>'cause' = 'monitoring return P4'"));
    }

    private IFinanceApi Finance => shared.System.Api<IFinanceApi>();

    /// <summary>Bad input, as a client that does not use the contract would send it.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, bool setUp = false)
    {
        if (setUp) await SetUpAsync();
        return await _finance.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    /// <summary>The directorate, cost centres, budgets and MTFS the cases refer to, once per system.</summary>
    private async Task SetUpAsync()
    {
        await SettingUp.WaitAsync();
        try
        {
            if (_setUpOn == shared.System) return;
            await Finance.PutDirectorateAsync(Directorate, new DirectorateRequest { Name = "Adult Care" });
            await Finance.PutCostCentreAsync("adult-social-care", new CostCentreRequest { Directorate = Directorate, Name = "Adult social care" });
            await Finance.PutCostCentreAsync("central", new CostCentreRequest { Directorate = Directorate, Name = "Central" });
            await Finance.PutBudgetAsync("2017-18", "adult-social-care", new BudgetRequest { NetBudget = 10_000_000m });
            await Finance.PutCostCentreAsync("care-homes", new CostCentreRequest { Directorate = Directorate, Name = "Care homes" });
            await Finance.PutBudgetAsync("2017-18", "care-homes", new BudgetRequest { NetBudget = 1_000_000m });
            await Finance.PutBudgetAsync("2017-18", "central", new BudgetRequest { NetBudget = 2_000_000m });
            await Finance.PutCostCentreAsync("children-placements", new CostCentreRequest { Directorate = Directorate, Name = "Placements" });
            using (var strategy = await Finance.CreateMtfsVersionAsync(MtfsThroughTheGatewayTests.SmallVersion("bad-input-small")))
                Assert.True(strategy.IsSuccessStatusCode, $"the small MTFS: {(int)strategy.StatusCode} {(strategy.Error as Refit.ApiException)?.Content}");
            _setUpOn = shared.System;
        }
        finally
        {
            SettingUp.Release();
        }
    }

    public void Dispose() => _finance.Dispose();

    private static async Task AssertNamesFieldAsync(string what, HttpResponseMessage response, string field)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(text);
            var errors = problem.RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var rules), $"{what}: errors name {errors} but not '{field}'");
            Assert.Contains(rules.EnumerateArray(), r => !string.IsNullOrWhiteSpace(r.GetString()));
        }
    }
}
