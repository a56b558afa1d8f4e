using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// <c>GET /api/903/rules</c> lists every rule of the DfE's 2022/23 list, marks as checked exactly the rules the validator
/// checks, and says truthfully why a rule did not run for a year's latest import.
/// </summary>
public sealed class RuleListTests
{
    // The test's own copy of the DfE list (the service embeds another): a code dropped or misspelt there shows here.
    private static readonly string[] ListedCodes =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "rules-2022-23.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToArray();

    [Fact]
    public void The_list_has_exactly_the_293_codes_of_the_DfE_list_in_its_order()
    {
        Assert.Equal(293, ListedCodes.Distinct().Count());
        Assert.Equal(ListedCodes, RuleList.All.Select(r => r.Code));
    }

    [Fact]
    public void Exactly_the_rules_the_validator_implements_are_marked_checked()
    {
        var implemented = Validator903.RuleCodes.ToHashSet();
        Assert.Equal(implemented.Order(StringComparer.Ordinal), RuleList.All.Where(r => r.Checked).Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_rule_has_the_DfE_message_and_its_tables_by_todays_file_names()
    {
        var r181 = RuleList.All.Single(r => r.Code == "181");
        Assert.Equal("Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.", r181.Message);
        Assert.Equal(["oc2"], r181.Tables);
        Assert.Contains("SUBSTANCE_MISUSE", r181.Fields);
        // A message with a comma inside quotes in the CSV is read whole.
        Assert.Contains("ACTIV ACCOM", string.Join(' ', RuleList.All.Single(r => r.Code == "1002").Fields));
        Assert.StartsWith("This child has no previous episodes of care, therefore", RuleList.All.Single(r => r.Code == "1002").Message);
        Assert.Equal(["episodes", "episodes_last"], RuleList.All.Single(r => r.Code == "503A").Tables);
        Assert.Equal(["header", "oc2"], RuleList.All.Single(r => r.Code == "INT05").Tables);
        Assert.Equal(["episodes", "provider_info"], RuleList.All.First(r => r.Tables.Contains("provider_info")).Tables);
        var known = Tables.Columns.Keys.SelectMany(t => new[] { t, t + "_last" }).Append("provider_info").ToHashSet();
        Assert.All(RuleList.All, r => Assert.All(r.Tables, t => Assert.Contains(t, known)));
        Assert.All(RuleList.All, r => Assert.NotEmpty(r.Message));
    }

    private static RuleList.Rule Rule(string code) => RuleList.All.Single(r => r.Code == code);

    // The DfE list: 105 "Data entry for UASC status of child is invalid or has not been completed" concerns the XML form.
    [Theory]
    [InlineData("105", "not applicable to a CSV import")]
    [InlineData("303", "not applicable to these CSV files")]
    [InlineData("205A", "not applicable to these CSV files")]
    public void A_rule_that_cannot_apply_to_a_CSV_import_is_reported_as_not_run_with_the_reason(string code, string reason)
    {
        var (ran, because) = RuleList.RanFor(Rule(code), new RuleList.ImportTables(["header", "uasc", "uasc_last", "header_last"],
            ["header", "uasc", "uasc_last", "header_last"]));
        Assert.False(ran);
        Assert.StartsWith(reason, because);
        Assert.False(Rule(code).Checked);
    }

    // Issue 17: all 293 rules. Every one is checked, or reported not applicable to a CSV import with the reason.
    [Fact]
    public void Every_rule_of_the_list_is_checked_or_not_applicable_and_none_is_left_unbuilt()
    {
        var tables = new RuleList.ImportTables(["episodes"], ["episodes"]);
        Assert.All(RuleList.All, rule => Assert.True(rule.Checked || RuleList.NotApplicable.ContainsKey(rule.Code), rule.Code));
        Assert.DoesNotContain(RuleList.All, rule => RuleList.RanFor(rule, tables).Because?.StartsWith(RuleList.NotBuilt) == true);
        Assert.True(Rule("218").Checked);
        // As README.md states them: 285 checked, 8 not applicable.
        var notApplicable = RuleList.All.Count(rule => RuleList.NotApplicable.ContainsKey(rule.Code));
        Assert.Equal((285, 8), (RuleList.All.Count(rule => rule.Checked), notApplicable));
    }

    [Fact]
    public void A_rule_not_built_is_never_reported_as_run()
    {
        // A rule of its own: once every rule of the list is built, none of the list is left unbuilt to try.
        var unbuilt = new RuleList.Rule("999", "A rule the validator does not check.", ["CHILD"], ["episodes"], Checked: false);
        Assert.Equal((false, "not built yet"), RuleList.RanFor(unbuilt, null));
        Assert.Equal((false, "not built yet"), RuleList.RanFor(unbuilt, new RuleList.ImportTables(["header", "episodes"], ["header", "episodes"])));
    }

    [Fact]
    public void A_checked_rule_runs_when_its_tables_were_there_and_otherwise_says_which_was_not()
    {
        var sent = new RuleList.ImportTables(Sent: ["episodes", "header", "oc2"], Held: ["episodes", "header"]);
        Assert.Equal((false, "no import for this year"), RuleList.RanFor(Rule("141"), null));
        Assert.Equal((true, null), RuleList.RanFor(Rule("141"), sent));
        Assert.Equal((false, "the import had no reviews file"), RuleList.RanFor(Rule("INT08"), new RuleList.ImportTables(["episodes", "header"], ["episodes", "header"])));
        // Sent with a header line and no rows: there was a file, with nothing in it to check.
        Assert.Equal((false, "the oc2 file had no rows"), RuleList.RanFor(Rule("181"), sent));
        // Held from an earlier import of the year: the validation read it.
        Assert.Equal((true, null), RuleList.RanFor(Rule("181"), new RuleList.ImportTables(["episodes"], ["episodes", "oc2"])));
    }
}
