using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

using static Intervention.FunctionalTests.Eventually;

using static Intervention.FunctionalTests.Api;

namespace Intervention.FunctionalTests.Licensing;

/// <summary>DESIGN.md's flow 2, all real: a revocation on safeguarding grounds in licensing reaches the children's front door and governance's register.</summary>
[Collection(SharedSystem.Name)]
public sealed class SafeguardingToChildrenTests(SharedSystem shared)
{
    [Fact]
    public async Task A_licensing_revocation_on_safeguarding_grounds_appears_in_the_childrens_front_door_queue_and_the_decision_register()
    {
        var gateway = shared.System.Gateway;
        // The Directions of 26 February 2015 (recorded alike by every test that needs them), asked for at an instant they govern.
        var directions = (await PostAsync(gateway, "governance/api/directions", """{"issuedOn":"2015-02-26","effectiveFrom":"2015-02-26T00:00:00Z","issuedBy":["DCLG"],"interventionEndsOn":"2019-03-31","assignments":[{"function":"licensing","authority":"Commissioners","oversight":"None"}]}""")).GetProperty("id").GetString()!;
        await WaitUntilAsync(async () => (await gateway.GetStringAsync("licensing/api/authority?at=2015-02-26T12:00:00Z")).Contains(directions), TimeSpan.FromSeconds(20), () => "licensing never got the Directions");

        var driver = await PostAsync(gateway, "licensing/api/drivers", """{"name":"Front Door Case","dateOfBirth":"1975-03-03","licenceType":"PrivateHire"}""");
        var reference = driver.GetProperty("licenceReference").GetString()!;
        var hearing = await PostAsync(gateway, "licensing/api/hearings", $$"""{"driverId":"{{driver.GetProperty("id")}}","heldOn":"2016-06-15","grounds":"Intelligence of exploitation"}""");
        var decision = (await PostAsync(gateway, $"licensing/api/hearings/{hearing.GetProperty("id")}/decision",
            """{"outcome":"Revocation","reasons":"Risk to children","grounds":"Safeguarding","immediate":true,"noticeGivenOn":"2016-06-15"}""")).GetProperty("decision");

        JsonElement contact = default;
        await WaitUntilAsync(async () =>
        {
            var queue = JsonDocument.Parse(await gateway.GetStringAsync("children/api/front-door?status=Open")).RootElement;
            contact = queue.EnumerateArray().FirstOrDefault(c => c.GetRawText().Contains(reference));
            return contact.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(20), () => $"licence {reference} never reached the front door");
        Assert.Contains(decision.GetProperty("decisionId").GetString()!, contact.GetRawText());
        Assert.DoesNotContain("Front Door Case", contact.GetRawText());
        // The register's public summary never names the licence (issue 15): the decision id ties them.
        await WaitUntilAsync(async () => (await gateway.GetStringAsync("governance/api/decisions?function=licensing")).Contains(decision.GetProperty("decisionId").GetString()!),
            TimeSpan.FromSeconds(20), () => "the revocation never reached the decision register");
    }

}
