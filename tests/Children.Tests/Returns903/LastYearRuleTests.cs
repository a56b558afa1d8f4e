using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// The rules over last year's return (<c>*_last</c>): with last year's files beside the small valid return (see
/// <see cref="Returns"/>), a row that breaks each is reported with its code, table and row; the edge beside it is not.
/// </summary>
public sealed class LastYearRuleTests
{
    private const string C1DecidedLastYear = "placed_for_adoption_last:1:CHILD=C1;placed_for_adoption_last:1:DATE_PLACED=01/03/2017;" +
                                             "placed_for_adoption_last:1:DATE_PLACED_CEASED=;placed_for_adoption_last:1:REASON_PLACED_CEASED=";
    private const string C1DecisionReversedLastYear = "placed_for_adoption_last:1:CHILD=C1;placed_for_adoption_last:1:DATE_PLACED=01/03/2017;" +
                                                      "placed_for_adoption_last:1:DATE_PLACED_CEASED=15/03/2017";
    private const string C2CareEndedLastYear = "episodes_last:1:DEC=31/03/2017;episodes_last:1:REC=E8";

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // rule, change that breaks it, edge that keeps it, row and table reported
        // "The gender code conflicts with the gender already recorded": C2 was a girl (2) last year; F is the same girl in letters.
        { "202", "header:1:SEX=1", "header:1:SEX=F", 1, "header" },
        // "Date of birth disagrees with the date of birth already recorded"; no date last year is nothing to disagree with.
        { "203", "header:1:DOB=11/10/2003", "header:1:DOB=11/10/2003;header_last:0:DOB=", 1, "header" },
        { "204", "header:1:ETHNIC=WIRI", "header:1:ETHNIC=", 1, "header" },
        // "Mother status ... disagrees with the mother status already recorded": a mother last year is not 0 now; blank is 393's.
        { "207", "header_last:0:MOTHER=1", "header_last:0:MOTHER=1;header:1:MOTHER=", 1, "header" },
        // "UPN ... disagrees with the UPN already recorded": a UN code recorded no UPN, so a real one since is no disagreement.
        { "208", "header_last:0:UPN=H801200001001", "header:1:UPN=H801200001001", 1, "header" },
        // "Last year's record ended with an open episode. The date on which that episode started does not match ..."
        { "502", "episodes:2:DECOM=16/04/2016", $"episodes:2:DECOM=16/04/2016;{C2CareEndedLastYear}", 2, "episodes" },
        // "The reason for new episode in the first episode does not match open episode at end of last year" (and B-F alike).
        { "503A", "episodes:2:RNE=L", "episodes:2:RNE=L;episodes_last:1:RNE=L", 2, "episodes" },
        { "503B", "episodes:2:LS=C1", $"episodes:2:LS=C1;{C2CareEndedLastYear}", 2, "episodes" },
        { "503C", "episodes:2:CIN=N3", "episodes:2:CIN=N3;episodes_last:1:CIN=N3", 2, "episodes" },
        { "503D", "episodes:2:PLACE=U5", $"episodes:2:PLACE=U5;{C2CareEndedLastYear}", 2, "episodes" },
        { "503E", "episodes:2:PLACE_PROVIDER=PR5", "episodes:2:PLACE_PROVIDER=PR5;episodes_last:1:PLACE_PROVIDER=PR5", 2, "episodes" },
        { "503F", "episodes:2:URN=SC111111", "episodes:2:URN=SC111111;episodes_last:1:URN=SC111111", 2, "episodes" },
        // "an open missing ... period in last year's return and ... no corresponding period recorded at the start of this year"
        { "576", "missing_last:0:MIS_END=", "missing_last:0:MIS_END=;missing:0:MIS_START=01/03/2017", 0, "missing" },
        // "Date of decision ... was not in the current year but ... was not completed in a previous return."
        { "559", "placed_for_adoption:0:DATE_PLACED=01/03/2017", $"placed_for_adoption:0:DATE_PLACED=01/03/2017;{C1DecidedLastYear}", 0, "placed_for_adoption" },
        // "... different from that recorded last year but the decision to place the child for adoption did not change."
        { "560", C1DecidedLastYear, $"{C1DecidedLastYear};placed_for_adoption:0:DATE_PLACED=01/03/2017", 0, "placed_for_adoption" },
        // "... the same as that recorded last year but records show that the decision changed"
        { "561", $"{C1DecisionReversedLastYear};placed_for_adoption:0:DATE_PLACED=01/03/2017", C1DecisionReversedLastYear, 0, "placed_for_adoption" },
        // "... different from that recorded last year, but the decision ... changed": a new decision is not dated before the old.
        { "584", $"{C1DecisionReversedLastYear};placed_for_adoption:0:DATE_PLACED=28/02/2017", C1DecisionReversedLastYear, 0, "placed_for_adoption" },
        // "Episode commenced before the start of the current collection year but there is a missing continuous episode"
        { "562", "episodes:2:DECOM=16/04/2016", "episodes:2:DECOM=16/04/2016;episodes_last:1:DECOM=16/04/2016", 2, "episodes" },
        // "Date of birth of the first child contradicts the date of birth of the first child previously recorded."
        { "624", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017;header_last:0:MOTHER=1;header_last:0:MC_DOB=02/01/2017",
            "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017;header_last:0:MOTHER=1", 1, "header" },
        // "reported as a mother but the date of birth of the first child is before the current year which contradicts ... last year"
        { "626", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017", "header:1:MOTHER=1;header:1:MC_DOB=01/06/2017", 1, "header" },
        // "not a relevant or a former relevant child": C3 looked after 31 days at 16; 13 weeks exactly (02/10/2016 to 01/01/2017) is enough.
        { "1001", "episodes_last:0:DECOM=01/12/2016", "episodes_last:0:DECOM=02/10/2016", 0, "oc3" },
        // "This child has no previous episodes of care, therefore should not have care leaver information recorded."
        { "1002", "episodes_last:0:CHILD=C9", "episodes_last:0:CHILD=C9;episodes:3:CHILD=C3", 0, "oc3" },
        // "no episodes loaded for current year even though there was an open episode of care at the end of the previous year"
        { "1010", "episodes_last:0:DEC=;episodes_last:0:REC=", "episodes_last:0:DEC=;episodes_last:0:REC=;episodes:3:CHILD=C3", 0, "oc3" },
        // "no episodes loaded for previous year even though child started to be looked after before this current year"
        { "NoE", "episodes_last:1:CHILD=C9", "episodes_last:1:CHILD=C9;episodes:2:DECOM=01/04/2017", 2, "episodes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_row_that_breaks_the_rule_is_reported_and_the_edge_is_not(string rule, string breaks, string keeps, int row, string table)
    {
        Assert.Contains(Returns.Validate(Returns.With(breaks)), f => f.Rule == rule && f.Table == table && f.Row == row);
        Assert.DoesNotContain(Returns.Validate(Returns.With(keeps)), f => f.Rule == rule);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_last_years_return_the_rule_reports_nothing(string rule, string breaks, string keeps, int row, string table)
    {
        _ = (keeps, row, table);
        Assert.DoesNotContain(Returns.Validate(Returns.ThisYearOnly(Returns.With(breaks))), f => f.Rule == rule);
    }

    [Fact]
    public void Every_rule_over_last_years_return_has_a_case_and_is_reported_as_checked()
    {
        var cases = Cases.Select(c => (string)c[0]).ToHashSet();
        Assert.All(LastYearRules.All, rule => Assert.Contains(rule.Code, cases));
        Assert.All(LastYearRules.All, rule => Assert.True(RuleList.All.Single(r => r.Code == rule.Code).Checked, rule.Code));
        Assert.All(LastYearRules.All, rule => Assert.Contains(RuleList.All.Single(r => r.Code == rule.Code).Tables, t => t.EndsWith("_last")));
    }

    [Fact]
    public void A_rule_over_last_years_tables_says_why_it_did_not_run_when_neither_source_holds_them()
    {
        var import = new RuleList.ImportTables(["episodes"], ["episodes"]);
        var (ran, because) = RuleList.RanFor(RuleList.All.Single(r => r.Code == "503A"), import);
        Assert.False(ran);
        Assert.Equal("last year's episodes table is held neither as the previous year's stored return nor as episodes_last.csv sent with the import", because);
        Assert.Equal((true, null), RuleList.RanFor(RuleList.All.Single(r => r.Code == "503A"), new RuleList.ImportTables(["episodes"], ["episodes", "episodes_last"])));
    }

    [Fact]
    public void Last_years_files_are_named_as_this_years_with_last()
    {
        Assert.Equal("episodes_last", Tables.FromFileName("episodes_last.csv"));
        Assert.Equal("episodes", Tables.LastOf("episodes_last"));
        Assert.Null(Tables.LastOf("episodes"));
        Assert.Null(Tables.FromFileName("sw_episodes_last.csv"));
    }
}
