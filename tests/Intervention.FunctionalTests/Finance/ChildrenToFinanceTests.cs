using System.Diagnostics;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Finance.Http;
using Xunit;
using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Finance;

/// <summary>
/// Flow 3 through the gateway: twenty children placed in children's homes through the children's API raise finance's
/// placement forecast by weeks x unit cost. On the shared system: the rise is measured from what the forecast was.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class ChildrenToFinanceTests(SharedSystem shared)
{
    private AspireSystem System => shared.System;

    [Fact]
    public async Task Twenty_children_placed_in_residential_homes_through_the_children_API_raise_the_placement_forecast()
    {
        var children = System.Api<IChildrenApi>();
        // Local identifiers of this run's own (at most 10 characters).
        var run = Random.Shared.Next(100, 1000);

        var before = await ForecastAsync();
        var sent = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            var child = await children.RecordChildAsync(new RecordChildRequest { LocalId = $"R{run}-{i:D4}", Sex = "1", DateOfBirth = new DateOnly(2006, 5, 14), Ethnicity = "WBRI" });
            await children.RecordEpisodeAsync(child.Id, new RecordEpisodeRequest
            {
                StartedOn = new DateOnly(2017, 10, 8), ReasonForNewEpisode = "S", LegalStatus = "C2", CategoryOfNeed = "N1",
                PlacementType = "K2", PlacementProvider = "PR4", WeeklyCost = 3500m,
            });
        }
        var posted = sent.Elapsed;

        // 8 October 2017 to 31 March 2018: 175 nights, 25 weeks, at finance's £3,500 a week for K2.
        ChildrenPlacementForecast? after = null;
        await WaitUntilAsync(async () => (after = await ForecastAsync()).Forecast == before.Forecast + 20 * 25 * 3_500m, TimeSpan.FromSeconds(30),
            () => $"the forecast never rose by £1,750,000 (last {after?.Forecast - before.Forecast}).\n{System.Logs("children")}\n{System.Logs("finance")}");
        var visible = sent.Elapsed;
        Assert.Equal(20, after!.PlacementTypes.Single(t => t.PlacementType == "K2").Children - (before.PlacementTypes.SingleOrDefault(t => t.PlacementType == "K2")?.Children ?? 0));
        Measurements.Record($"children -> finance: 20 residential placements through the children's API raised the 2017-18 placement forecast by {after.Forecast - before.Forecast:N0}; " +
                            $"visible through the gateway {(visible - posted).TotalMilliseconds:0} ms after the last episode was answered ({visible.TotalMilliseconds:0} ms after the first request)");
    }

    private Task<ChildrenPlacementForecast> ForecastAsync() => System.Api<IFinanceApi>().GetChildrenPlacementForecastAsync("2017/18");
}
