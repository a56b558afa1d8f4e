using System.Net;
using System.Text.Json;
using Intervention.Contracts.Finance;
using Intervention.Contracts.Finance.Http;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// When monitoring's forecast spending passes the year's resources (the current MTFS's funding) plus the usable reserves,
/// Section114RiskRaised is published once; a logged notice gives full council 21 days; the resilience indicators are
/// computed from the ledger. The assessment is of the whole council (its current MTFS, every cost centre's return), so the
/// test runs on the system with its own settings and gives finance an empty database first.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class Section114Tests(OwnSettingsSystem own)
{
    private AspireSystem System => own.System;

    [Fact]
    public async Task Forecast_spending_past_resources_and_reserves_raises_the_section_114_risk_once()
    {
        await DemandLedForecastTests.ResetFinanceAsync(System);
        var finance = System.Api<IFinanceApi>();
        var small = MtfsThroughTheGatewayTests.SmallVersion("small") with { MakeCurrent = true }; // 2016-17 funding: £1,535,000
        using (var recorded = await finance.CreateMtfsVersionAsync(small))
            Answered.With(recorded, HttpStatusCode.Created, "the MTFS");
        await finance.PutLedgerYearAsync("2015-16", Ledger(100_000m));
        await finance.PutDirectorateAsync("council", new DirectorateRequest { Name = "The council" });
        await finance.PutCostCentreAsync("services", new CostCentreRequest { Directorate = "council", Name = "All services" });
        await finance.PutBudgetAsync("2016-17", "services", new BudgetRequest { NetBudget = 1_500_000m });
        await using var broker = await BrokerClient.ConnectAsync(await System.ConnectionStringAsync("messaging"));
        var raised = await broker.ListenAsync<Section114RiskRaised>();

        // £1.6m forecast against £1.535m of resources and £0.1m of reserves: within them.
        await ReturnAsync(finance, 6, 900_000m, 700_000m);
        var within = await finance.GetSection114Async("2016-17");
        Assert.Equal((1_600_000m, 1_535_000m, 100_000m, 35_000m, false), (within.ForecastSpending, within.Resources, within.UsableReserves, within.Headroom, within.AtRisk));

        // £1.7m: £65,000 past them.
        await ReturnAsync(finance, 7, 1_000_000m, 700_000m);
        await ReturnAsync(finance, 8, 1_100_000m, 650_000m); // worse again: no second event
        List<JsonElement> events = [];
        await WaitUntilAsync(async () => (events = await broker.DrainAsync(raised)).Count > 0, TimeSpan.FromSeconds(10),
            () => $"Section114RiskRaised was never published.\n{System.Logs("finance")}");
        var risk = Assert.Single(events).Deserialize<Section114RiskRaised>(BrokerClient.EnvelopeJson)!;
        Assert.Equal(("2016-17", 1_700_000m, 1_535_000m, 100_000m, 65_000m), (risk.Year, risk.ForecastSpending, risk.Resources, risk.UsableReserves, risk.Shortfall));
        Assert.Equal(1, await System.CountAsync("finance", "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%Section114RiskRaised'"));

        var notice = await finance.LogSection114NoticeAsync("2016-17", new Section114NoticeRequest { IssuedOn = new DateOnly(2016, 11, 1), IssuedBy = "Strategic Director of Finance" });
        Assert.Equal(new DateOnly(2016, 11, 22), notice.FullCouncilBy);
        var assessed = await finance.GetSection114Async("2016-17");
        Assert.True(assessed.AtRisk);
        Assert.NotNull(assessed.RaisedAt);
        Assert.Single(assessed.Notices);

        var indicators = await finance.GetResilienceAsync("2015-16");
        var ratio = indicators.Indicators.Single(i => i.Name == "reserves-to-net-revenue-expenditure");
        Assert.Equal((100_000m, 1_500_000m), (ratio.Numerator, ratio.Denominator));
    }

    private static LedgerYearRequest Ledger(decimal reserves) => new()
    {
        NetRevenueExpenditure = 1_500_000m, UsableReserves = reserves, SocialCareSpend = 800_000m, CouncilTaxIncome = 1_000_000m,
        FeesAndChargesIncome = 50_000m, TotalServiceExpenditure = 2_000_000m, Source = "test ledger",
    };

    private static Task ReturnAsync(IFinanceApi finance, int month, decimal actuals, decimal remaining) =>
        finance.PutForecastAsync("2016-17", month, "services", new ForecastReturnRequest { ActualsToDate = actuals, ForecastRemaining = remaining, ManagementAction = "Spending controls" });
}
