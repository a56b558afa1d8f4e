using System.Net;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Children.Http;
using Refit;
using Xunit;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// <c>GET /api/903/rules?year=</c> tells an analyst which rules ran on the year's latest import and why the others did not,
/// through the gateway on the shared system.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class RuleListTests(SharedSystem shared)
{
    private AspireSystem System => shared.System;
    private IChildrenApi Children => System.Api<IChildrenApi>();

    // 2011/12: a year no other test imports.
    private const string Year = "2011/12";

    [Fact]
    public async Task A_year_imported_without_an_oc2_file_reports_the_oc2_rules_as_not_run_and_the_episodes_rules_as_run()
    {
        var before = await Children.ListReturnRulesAsync(Year);
        Assert.Null(before.ImportId);
        Assert.Equal("no import for this year", before.Rules.Single(r => r.Code == "141").NotRunBecause);

        var report = await Children.ImportReturnAsync(Year,
        [
            Part("header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nRL1,1,01/05/2005,WBRI,UN1,,\r\n"),
            Part("episodes", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n" +
                             "RL1,01/06/2011,S,C2,N1,U4,PR1,,,,S60 1,S61 2,SC123456\r\n"),
        ]);

        var rules = await Children.ListReturnRulesAsync(Year);
        Assert.Equal(report.Id, rules.ImportId);
        Assert.Equal(293, rules.Rules.Select(r => r.Code).Distinct().Count());
        var oc2 = rules.Rules.Single(r => r.Code == "181");
        Assert.True(oc2.Checked);
        Assert.Equal((false, "the import had no oc2 file"), (oc2.Ran, oc2.NotRunBecause));
        var episodes = rules.Rules.Single(r => r.Code == "141");
        Assert.Equal((true, true, null), (episodes.Checked, episodes.Ran, episodes.NotRunBecause));
        // Every rule of the list is checked, or not applicable to a CSV import and says so: none is left unbuilt.
        Assert.All(rules.Rules, r => Assert.True(r.Checked || r.NotRunBecause!.StartsWith("not applicable"), $"{r.Code}: {r.NotRunBecause}"));
        Assert.DoesNotContain(rules.Rules, r => r.NotRunBecause?.StartsWith("not built yet") == true);
        // 218 reads the placement's local authority through the postcode lookup (outside England no URN applies): none is in
        // force for 2011/12, so it did not run.
        var urnRequired = rules.Rules.Single(r => r.Code == "218");
        Assert.Equal((true, false), (urnRequired.Checked, urnRequired.Ran));
        Assert.StartsWith("no reference data loaded: no postcode lookup", urnRequired.NotRunBecause);
        // A rule over reference data, with no Ofsted provider list in force for the year: checked by the service, not run.
        var overProviders = rules.Rules.Single(r => r.Code == "219");
        Assert.Equal((true, false), (overProviders.Checked, overProviders.Ran));
        Assert.StartsWith("no reference data loaded", overProviders.NotRunBecause);
        Assert.Equal("Date episode began is not a valid date.", episodes.Message);

        // Without a year: the list alone.
        var list = await Children.ListReturnRulesAsync();
        Assert.Null(list.CollectionYear);
        Assert.All(list.Rules, r => Assert.Null(r.Ran));
    }

    [Fact]
    public async Task A_malformed_year_is_a_400_naming_year()
    {
        using var response = await System.Gateway.GetAsync("children/api/903/rules?year=2011/13");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("collection year", body.GetProperty("errors").GetProperty("year")[0].GetString());
    }

    private static ByteArrayPart Part(string table, string text) => new(Encoding.UTF8.GetBytes(text), table + ".csv", "text/csv", "files");
}
