using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Licensing;

/// <summary>DESIGN.md's flow 2, all real: a revocation on safeguarding grounds in licensing reaches the children's front door and governance's register.</summary>
[Collection(SharedSystem.Name)]
public sealed class SafeguardingToChildrenTests(SharedSystem shared)
{
    [Fact]
    public async Task A_licensing_revocation_on_safeguarding_grounds_appears_in_the_childrens_front_door_queue_and_the_decision_register()
    {
        var (governance, licensing, children) = (shared.System.Api<IGovernanceApi>(), shared.System.Api<ILicensingApi>(), shared.System.Api<IChildrenApi>());
        // The Directions of 26 February 2015 (recorded alike by every test that needs them), asked for at an instant they govern.
        var directions = await governance.IssueDirectionsAsync(RotherhamDirections.February2015());
        await WaitUntilAsync(async () => (await licensing.ListAuthorityAsync(at: RotherhamDirections.UnderFebruary2015)).Any(a => a.DirectionsId == directions.Id),
            TimeSpan.FromSeconds(20), () => "licensing never got the Directions");

        var driver = await licensing.CreateDriverAsync(new NewDriver("Front Door Case", new DateOnly(1975, 3, 3), LicenceType.PrivateHire, AppliedOn: new DateOnly(2016, 1, 4)));
        var hearing = await licensing.ScheduleHearingAsync(new ScheduleHearing(driver.Id, new DateOnly(2016, 6, 15), "Intelligence of exploitation"));
        var decision = (await licensing.DecideHearingAsync(hearing.Id,
            new DecideHearing(HearingOutcome.Revocation, "Risk to children", DecisionGrounds.Safeguarding, Immediate: true, NoticeGivenOn: new DateOnly(2016, 6, 15)))).Decision!;

        FrontDoorContactView? contact = null;
        await WaitUntilAsync(async () => (contact = (await children.ListFrontDoorAsync("Open")).FirstOrDefault(c => c.LicenceReference == driver.LicenceReference)) is not null,
            TimeSpan.FromSeconds(20), () => $"licence {driver.LicenceReference} never reached the front door");
        Assert.Equal(decision.DecisionId, contact!.DecisionId);
        // What the front door holds on the wire names the licence, never the driver.
        Assert.DoesNotContain("Front Door Case", await shared.System.Gateway.GetStringAsync("children/api/front-door?status=Open"));
        // The register's public summary never names the licence (issue 15): the decision id ties them.
        await WaitUntilAsync(async () => (await governance.ListDecisionsAsync(function: "licensing")).Any(d => d.Id == decision.DecisionId),
            TimeSpan.FromSeconds(20), () => "the revocation never reached the decision register");
    }
}
