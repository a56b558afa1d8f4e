using System.Diagnostics;
using System.Net;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance.Http;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// The issue's "done when", through the gateway: the seeds load the 2016-19 MTFS and the service computes the published
/// £41.083m; twenty children placed in residential homes (their events published on RabbitMQ as the children's service
/// publishes them) raise the placement forecast by weeks x unit cost; the 10%-more-demand scenario shows its gap beside
/// the base; the budget is approved only when balanced, and the approval reaches governance's decision register.
/// The gap with demand counts every child finance knows, so these run on the system with its own settings, the first
/// with an empty finance database.
/// </summary>
[Collection(OwnSettingsSystem.Name)]
public sealed class MtfsThroughTheGatewayTests(OwnSettingsSystem own)
{
    private AspireSystem System => own.System;

    private const string Base = "mtfs-2016-19";
    private const string MoreDemand = "mtfs-2016-19-demand-plus-10";

    [Fact]
    public async Task The_seeded_MTFS_shows_the_41_083m_gap_twenty_residential_children_raise_the_forecast_and_more_demand_shows_beside_it()
    {
        await DemandLedForecastTests.ResetFinanceAsync(System);
        var (finance, governance) = (System.Api<IFinanceApi>(), System.Api<IGovernanceApi>());
        // Governance's decision register is not reset: the approval is found among the decisions already there.
        var decisionsBefore = (await governance.ListDecisionsAsync(function: "financial-services")).Select(d => d.Id).ToHashSet();

        var seeded = (await System.RunSeedsAsync("--only", "governance,finance")).Output;
        Assert.Contains($"finance MTFS {Base}: recorded", seeded);
        Assert.Contains($"finance MTFS scenario {MoreDemand}: recorded", seeded);

        // The published figures, computed by the service from the seeded (illustrative, labelled) assumptions.
        var gap = await finance.GetMtfsGapAsync("current");
        Assert.Equal(Base, gap.Version);
        Assert.True(gap.Illustrative);
        Assert.Equal(["2016-17", "2017-18", "2018-19"], gap.Years.Select(y => y.Year));
        Assert.Equal(41_083_000m, gap.Years[^1].CumulativeGap);
        Assert.Equal(24_000_000m, gap.Years[1].Gap);
        Assert.Equal([0m, 0m, 4_563_000m], gap.Years.Select(y => y.RemainingGap));
        var detail = await finance.GetMtfsVersionAsync(Base);
        Assert.Contains(detail.Assumptions, a => a.Category == AssumptionCategory.AscPrecept && a.Year == "2017-18" && a.Value == 3m && !a.Illustrative);
        Assert.All(detail.Assumptions, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));

        // Resilience from the seeded (illustrative) ledger: reserves of £55.3m falling by £6.6m in 2016-17 last about 8.4 years.
        var resilience = await finance.GetResilienceAsync("2016-17");
        var sustainability = resilience.Indicators.Single(i => i.Name == "reserves-sustainability");
        Assert.Equal((55_300_000m, 6_600_000m), (sustainability.Numerator, sustainability.Denominator));
        Assert.Equal(8.38m, Math.Round(sustainability.Value!.Value, 2));
        var section114 = await finance.GetSection114Async("2017-18");
        Assert.Equal((false, 55_300_000m), (section114.AtRisk, section114.UsableReserves));

        // Twenty children placed in children's homes from 8 October 2017: 25 weeks each at finance's £3,500 a week.
        var before = await DemandLedForecastTests.ForecastAsync(finance);
        await using var broker = await BrokerClient.ConnectAsync(await System.ConnectionStringAsync("messaging"));
        var sent = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) await broker.PublishAsync(DemandLedForecastTests.Entered($"rotherham-child-{i:D2}", "K2"), Guid.NewGuid());
        var after = await DemandLedForecastTests.WaitForForecastAsync(finance, before.Forecast + 20 * 25 * 3_500m, System);
        var visible = sent.Elapsed;
        Assert.Equal(1_750_000m, after.Forecast - before.Forecast);
        Assert.Equal(20, after.PlacementTypes.Single(t => t.PlacementType == "K2").Children);
        Assert.Equal(30_100_000m, after.Budget); // the seeded 2017-18 placements budget
        Measurements.Record($"finance: 20 ChildBecameLookedAfter (K2 from 2017-10-08) published on RabbitMQ -> children's placement forecast 2017-18 up by {after.Forecast - before.Forecast:N0} (20 x 25 weeks x £3,500), visible through the gateway {visible.TotalMilliseconds:0} ms after the first was published");

        // The strategy keeps its published gap and shows the demand reported since it was set beside it.
        var moved = await finance.GetMtfsGapAsync("current");
        Assert.Equal(41_083_000m, moved.Years[^1].CumulativeGap);
        Assert.Equal([0m, 1_750_000m, 3_650_000m], moved.Years.Select(y => y.DemandSinceSetting)); // 2018-19: a full year, 365 nights
        Assert.Equal(44_733_000m, moved.Years[^1].CumulativeGapWithDemand);

        // The scenario with 10% more demand, beside the base.
        var compared = await finance.CompareMtfsVersionsAsync($"{Base},{MoreDemand}");
        Assert.Equal([Base, MoreDemand], compared.Versions.Select(v => v.Version));
        Assert.Equal(43_013_000m, compared.Versions[1].Years[^1].CumulativeGap);
        Assert.Equal(1_930_000m, compared.Differences.Single().CumulativeGapDifference["2018-19"]);
        Assert.Equal(43_013_000m + 1.1m * 3_650_000m, compared.Versions[1].Years[^1].CumulativeGapWithDemand);
        Measurements.Record($"finance: seeded MTFS cumulative gap 2018-19 {gap.Years[^1].CumulativeGap:N0} (2017-18 gap {gap.Years[1].Gap:N0}); 10% more demand {compared.Versions[1].Years[^1].CumulativeGap:N0}; with the 20 children since setting {moved.Years[^1].CumulativeGapWithDemand:N0} (base) and {compared.Versions[1].Years[^1].CumulativeGapWithDemand:N0} (10% more demand)");

        // A budget that does not balance in its first year is refused, with the gap; the balanced one is approved and reported.
        var approval = new ApproveBudgetRequest { DecidedAt = DateTimeOffset.Parse("2016-03-02T19:00:00Z"), DeciderName = "Full Council", Meeting = "Council, 2 March 2016" };
        var problem = await Refused.ByRuleAsync(() => finance.ApproveBudgetAsync(MoreDemand, approval), "budget-not-balanced");
        Assert.Equal(380_000m, problem.GetProperty("remainingGap").GetDecimal()); // 10% of 2016-17's £3.8m demand pressures
        await finance.ApproveBudgetAsync(Base, approval);
        List<DecisionDetail>? decisions = null;
        await WaitUntilAsync(async () => (decisions = (await governance.ListDecisionsAsync(function: "financial-services"))
                .Where(d => !decisionsBefore.Contains(d.Id)).ToList()).Count == 1,
            TimeSpan.FromSeconds(15), () => $"the approval never reached the decision register.\n{System.Logs("finance")}\n{System.Logs("governance")}");
        var decision = Assert.Single(decisions!);
        Assert.Equal(("finance", "Full Council"), (decision.SourceService, decision.DeciderName));

        // Seeding again changes nothing.
        var again = (await System.RunSeedsAsync("--only", "governance,finance")).Output;
        Assert.Contains($"finance MTFS {Base}: already recorded", again);
        Assert.Equal(41_083_000m, (await finance.GetMtfsGapAsync(Base)).Years[^1].CumulativeGap);
    }

    [Fact]
    public async Task A_scenario_is_a_copy_changing_it_never_changes_its_parent()
    {
        var finance = System.Api<IFinanceApi>();
        // Versions of this run's own: finance keeps every version it was given.
        var parent = DemandLedForecastTests.Tag();
        using (var recorded = await finance.CreateMtfsVersionAsync(SmallVersion(parent)))
            Answered.With(recorded, HttpStatusCode.Created, "the parent version");
        var parentBefore = await finance.GetMtfsGapAsync(parent);
        var parentAnswerBefore = await AnswersAsync(parent);

        using (var created = await finance.CreateScenarioAsync(parent, new CreateScenarioRequest
               {
                   Id = $"{parent}-lower-tax-base",
                   Name = "Tax base 10% lower in 2018/19",
                   Changes = [new MtfsAssumption { Category = AssumptionCategory.TaxBase, Year = "2018/19", Value = 900m, Source = "scenario", AsOf = new DateOnly(2016, 3, 2) }],
               }))
            Answered.With(created, HttpStatusCode.Created, "the scenario");

        var scenario = await finance.GetMtfsGapAsync($"{parent}-lower-tax-base");
        Assert.Equal(parentAnswerBefore, await AnswersAsync(parent));
        Assert.Equal(parent, scenario.ParentId);
        // 100 fewer band D equivalents at 2018-19's band D (1,000 x 1.035 x 1.045 x 1.05 = 1,135.65375): £113,565.375 less council tax.
        Assert.Equal(parentBefore.Years[2].CumulativeGap + 113_565.38m, scenario.Years[2].CumulativeGap);
        Assert.Equal(parentBefore.Years[1].CumulativeGap, scenario.Years[1].CumulativeGap);
        var parentDetail = await finance.GetMtfsVersionAsync(parent);
        Assert.Equal(1_000m, parentDetail.Assumptions.Single(a => a.Category == AssumptionCategory.TaxBase && a.Year == "2018-19").Value);
    }

    /// <summary>A version's answers as written on the wire, to show a scenario left them unchanged to the byte.</summary>
    private async Task<(string Version, string Gap)> AnswersAsync(string version) =>
        (await System.Gateway.GetStringAsync($"finance/api/mtfs/{version}"), await System.Gateway.GetStringAsync($"finance/api/mtfs/{version}/gap"));

    internal static CreateMtfsVersionRequest SmallVersion(string id) => new()
    {
        Id = id,
        Name = "A small strategy for tests",
        FirstYear = "2016/17",
        Years = 3,
        Assumptions =
        [
            Line(AssumptionCategory.BaseBudget, null, 1_500_000m),
            Line(AssumptionCategory.BandD, null, 1_000m),
            Line(AssumptionCategory.TaxBase, "2016/17", 1_000m), Line(AssumptionCategory.TaxBase, "2017/18", 1_000m), Line(AssumptionCategory.TaxBase, "2018/19", 1_000m),
            Line(AssumptionCategory.CoreIncrease, "2016/17", 1.5m), Line(AssumptionCategory.CoreIncrease, "2017/18", 1.5m), Line(AssumptionCategory.CoreIncrease, "2018/19", 2m),
            Line(AssumptionCategory.AscPrecept, "2016/17", 2m), Line(AssumptionCategory.AscPrecept, "2017/18", 3m), Line(AssumptionCategory.AscPrecept, "2018/19", 3m),
            Line(AssumptionCategory.RevenueSupportGrant, "2016/17", 500_000m),
        ],
    };

    internal static MtfsAssumption Line(AssumptionCategory category, string? year, decimal value) =>
        new() { Category = category, Year = year, Value = value, Source = "test", AsOf = new DateOnly(2016, 3, 2), Illustrative = true };
}
