using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// The rules added for issue 17 that read only this year's tables: a row that breaks each is reported with its code, table
/// and row; the near miss beside it is not. The small valid return is described in <see cref="Returns"/>.
/// </summary>
public sealed class MoreRuleTests
{
    // A decision that C2 be placed for adoption, taken last year (placed_for_adoption row 1).
    private const string C2DecisionLastYear = "placed_for_adoption:1:CHILD=C2;placed_for_adoption:1:DOB=10/10/2003;placed_for_adoption:1:DATE_PLACED=01/03/2017;" +
                                              "placed_for_adoption:1:REASON_PLACED_CEASED=RD1";

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // rule, change that breaks it, near miss that keeps it, row and table reported
        { "131", "oc3:0:IN_TOUCH=MAYBE", "oc3:0:IN_TOUCH=NREQ", 0, "oc3" },
        { "132", "oc3:0:ACTIV=F3", "oc3:0:ACTIV=G6", 0, "oc3" },
        { "133", "oc3:0:ACCOM=Z3", "oc3:0:ACCOM=Z2", 0, "oc3" },
        { "345", "oc3:0:ACCOM=0", "oc3:0:ACCOM=0;oc3:0:IN_TOUCH=NO", 0, "oc3" },
        { "631", "previous_permanence:0:PREV_PERM=P5", "previous_permanence:0:PREV_PERM=P4", 0, "previous_permanence" },
        { "217", "episodes:1:PLACE=A3", "episodes:1:PLACE=A3;episodes:1:RNE=T", 1, "episodes" },
        { "358", "episodes:1:LS=J1", "episodes:2:LS=J1", 1, "episodes" },
        { "366", "episodes:1:LS=V3", "episodes:0:LS=V3", 1, "episodes" },
        { "390", "episodes:2:DEC=01/03/2018;episodes:2:REC=E11", "episodes:2:PLACE=A4;episodes:2:DEC=01/03/2018;episodes:2:REC=E11", 2, "episodes" },
        // A freeing order (D1) is not a placement order: the DfE's own check accepts E1 alone.
        { "408", "episodes:1:PLACE=A5;episodes:1:LS=D1", "episodes:1:PLACE=A5;episodes:1:LS=E1", 1, "episodes" },
        { "426", "episodes:0:LS=V3;episodes:1:LS=V4", "episodes:0:LS=V3;episodes:1:LS=V3", 1, "episodes" },
        // Three holiday placements (T3) for C1 in the year; two are allowed.
        { "377", "episodes:0:PLACE=T3;episodes:1:PLACE=T3;episodes:3:CHILD=C1;episodes:3:PLACE=T3;episodes:3:DECOM=01/01/2018", "episodes:0:PLACE=T3;episodes:1:PLACE=T3", 0, "episodes" },
        // 01/06 to 01/09 is 92 days of respite; to 15/08 it is 75, the most allowed.
        { "367", "episodes:0:LS=V3", "episodes:0:LS=V3;episodes:0:DEC=15/08/2017", 0, "episodes" },
        // C2 is looked after from 15/04/2016: more than a week at 31 March; from 24/03/2018 it is exactly a week.
        { "210", "header:1:UPN=UN4", "header:1:UPN=UN4;episodes:2:DECOM=24/03/2018", 1, "header" },
        { "553", "episodes:2:LS=E1", "episodes:1:LS=E1", 2, "episodes" },
        { "555", "episodes:2:LS=D1", "episodes:1:LS=D1", 2, "episodes" },
        // C1's decision is dated 01/07/2017: the placement order (E1) or freeing order (D1) from 01/06 came first, from 01/09 after.
        { "554", "episodes:0:LS=E1", "episodes:1:LS=E1", 0, "placed_for_adoption" },
        { "556", "episodes:0:LS=D1", "episodes:1:LS=D1", 0, "placed_for_adoption" },
        { "552", "episodes:0:PLACE=A4", "episodes:1:PLACE=A4", 0, "placed_for_adoption" },
        { "557", "episodes:1:DEC=01/03/2018;episodes:1:REC=E4A",
            "episodes:1:DEC=01/03/2018;episodes:1:REC=E4A;placed_for_adoption:0:DATE_PLACED_CEASED=01/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", 0, "placed_for_adoption" },
        { "558", "episodes:1:DEC=01/03/2018;episodes:1:REC=E11;placed_for_adoption:0:DATE_PLACED_CEASED=01/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1",
            "episodes:1:DEC=01/03/2018;episodes:1:REC=E4A;placed_for_adoption:0:DATE_PLACED_CEASED=01/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", 0, "placed_for_adoption" },
        { "601", "episodes:1:DEC=01/03/2018;episodes:1:REC=E11;ad1:0:LS_ADOPTR=", "episodes:1:DEC=01/03/2018;episodes:1:REC=E11", 0, "ad1" },
        { "625", "header:1:MOTHER=1;header:1:MC_DOB=01/04/2018", "header:1:MOTHER=1;header:1:MC_DOB=31/03/2018", 1, "header" },
        // C1 left U4 (row 0, X1) for K2 (row 1, P): the change needs its reason; a move into a temporary placement does not.
        { "225", "episodes:0:REASON_PLACE_CHANGE=", "episodes:0:REASON_PLACE_CHANGE=;episodes:1:PLACE=T1", 0, "episodes" },
        // Nor is a reason given for a temporary placement, in it or in the episode before it.
        { "226", "episodes:1:PLACE=T1", "episodes:1:PLACE=T1;episodes:0:REASON_PLACE_CHANGE=", 1, "episodes" },
        // C2 turned 18 on 10/10/2017 and is still looked after: only under V2 in a community home (K2).
        { "359", "header:1:DOB=10/10/1999", "header:1:DOB=10/10/1999;episodes:2:LS=V2;episodes:2:PLACE=K2", 2, "episodes" },
        // C1 (born 2009) was 4 by 31 August 2016; born 01/09/2012 he was not.
        { "209", "header:0:UPN=UN1", "header:0:UPN=UN1;header:0:DOB=01/09/2012", 0, "header" },
        // PACE (J2) for 22 days up to 31 March; 21 is the most.
        { "364", "episodes:2:LS=J2;episodes:2:DECOM=09/03/2018", "episodes:2:LS=J2;episodes:2:DECOM=10/03/2018", 2, "episodes" },
        // C2 (13, looked after since 2016) needs an SDQ score; turned 17 in the year, 186 no longer asks for one.
        { "186", "oc2:0:SDQ_SCORE=", "oc2:0:SDQ_SCORE=;oc2:0:DOB=10/10/2000", 0, "oc2" },
        // Turned 17 in the year: a score or a reason for none.
        { "197B", "oc2:0:SDQ_SCORE=;oc2:0:DOB=10/10/2000", "oc2:0:SDQ_SCORE=;oc2:0:DOB=10/10/2000;oc2:0:SDQ_REASON=SDQ1", 0, "oc2" },
        // SDQ1 says the child was too young or too old for the questionnaire; C2 is 13.
        { "157", "oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ1", "oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ2", 0, "oc2" },
        // C3 is a care leaver not looked after this year: no UASC details for him.
        { "1014", "uasc:1:CHILD=C3", "uasc:1:CHILD=C3;oc3:0:IN_TOUCH=;oc3:0:ACTIV=;oc3:0:ACCOM=", 1, "uasc" },
        // C1 leaves U4 for a hospital stay (T1) and comes back to K2 rather than to the U4 placement he left.
        { "383", "episodes:1:PLACE=T1;episodes:1:PLACE_PROVIDER=;episodes:1:PL_POST=;episodes:1:URN=;episodes:1:DEC=01/10/2017;episodes:1:REC=X1;episodes:3:CHILD=C1;episodes:3:DECOM=01/10/2017;episodes:3:RNE=P;episodes:3:PLACE=K2", "episodes:1:PLACE=T1;episodes:1:PLACE_PROVIDER=;episodes:1:PL_POST=;episodes:1:URN=;episodes:1:DEC=01/10/2017;episodes:1:REC=X1;episodes:3:CHILD=C1;episodes:3:DECOM=01/10/2017;episodes:3:RNE=P;episodes:3:PLACE=U4;episodes:3:PLACE_PROVIDER=PR1;episodes:3:PL_POST=S61 2", 3, "episodes" },
        // C2 is missing from 01/11 to 03/11/2017: care ending on 02/11 ends for "any other reason" (E8).
        { "580", "episodes:2:DEC=02/11/2017;episodes:2:REC=E4A", "episodes:2:DEC=02/11/2017;episodes:2:REC=E8", 2, "episodes" },
        // C3 is in OC3 with no episode: no review of him; with an episode this year there may be.
        { "1012", "reviews:2:CHILD=C3", "reviews:2:CHILD=C3;episodes:3:CHILD=C3", 2, "reviews" },
        // C3 turns 17 on 01/06/2017, in the year: not with former foster carers (Z1); turning 17 on 01/01/2017 he is not around it.
        { "3001", "oc3:0:ACCOM=Z1;header:2:DOB=01/06/2000", "oc3:0:ACCOM=Z1", 0, "oc3" },
        // C2 on short breaks only (V4): no mother field and no reviews; C1 has a looked-after episode besides his V3 one.
        { "399", "episodes:2:LS=V4;episodes:2:HOME_POST=;episodes:2:PL_POST=", "episodes:0:LS=V3;episodes:0:HOME_POST=;episodes:0:PL_POST=", 1, "reviews" },
        { "451", "episodes:2:LS=D1", "episodes:0:LS=D1", 2, "episodes" },
        // The decision that C1 should be placed for adoption is one date in ad1 and placed_for_adoption.
        { "523", "ad1:0:DATE_INT=02/07/2017", "ad1:0:DATE_INT=02/07/2017;placed_for_adoption:0:DATE_PLACED=02/07/2017", 0, "placed_for_adoption" },
        // C2, a girl, left care on 01/03/2018 with the mother field blank.
        // Placed for adoption with the current foster carers (A3) straight from a children's home (K2) rather than from foster care (U4).
        { "336", "episodes:0:PLACE=K2;episodes:1:PLACE=A3", "episodes:1:PLACE=A3", 1, "episodes" },
        // Adopted from a placement with the current foster carers (A3) while ad1 says not by them (FOSTER_CARE 0).
        { "335", "episodes:1:PLACE=A3;episodes:1:DEC=01/03/2018;episodes:1:REC=E11", "episodes:1:PLACE=A3;episodes:1:DEC=01/03/2018;episodes:1:REC=E11;ad1:0:FOSTER_CARE=1", 0, "ad1" },
        // DATE_PERM is dd/mm/yyyy with any part unknown written ZZ (ZZZZ for the year); month 13 is not a date.
        { "632", "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:DATE_PERM=01/13/2000", "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:DATE_PERM=ZZ/05/2000", 0, "previous_permanence" },
        // C1 is looked after with no home postcode; C2, an unaccompanied asylum seeker (uasc), may have none.
        { "392b", "episodes:0:HOME_POST=", "episodes:2:HOME_POST=", 0, "episodes" },
        // EPI: "Episodes need to be loaded for this child": C4 is in the header alone; with an episode, or as C3 a care leaver, not.
        { "EPI", "header:3:CHILD=C4", "header:3:CHILD=C4;episodes:3:CHILD=C4", 3, "header" },
        { "607", "header:1:MOTHER=;episodes:2:DEC=01/03/2018;episodes:2:REC=E4A", "header:1:MOTHER=0;episodes:2:DEC=01/03/2018;episodes:2:REC=E4A", 1, "header" },

        // The rest of issue 17 that needs no reference data.
        // C1's decision (01/07/2017) reversed on 31/05/2017, before he started to be looked after on 01/06/2017; on that day it is not.
        { "118", "placed_for_adoption:0:DATE_PLACED_CEASED=31/05/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1",
            "placed_for_adoption:0:DATE_PLACED_CEASED=01/06/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", 0, "placed_for_adoption" },
        // C2, looked after since 2016: a decision reversed on 31 March 2017 belongs to last year's return; on 1 April 2017 it is this year's.
        { "118", $"{C2DecisionLastYear};placed_for_adoption:1:DATE_PLACED_CEASED=31/03/2017",
            $"{C2DecisionLastYear};placed_for_adoption:1:DATE_PLACED_CEASED=01/04/2017", 1, "placed_for_adoption" },
        // C1 was adopted on 01/03/2018: an episode after that shows a child adopted from care before; one before it does not.
        { "199", "episodes:3:CHILD=C1;episodes:3:DECOM=15/03/2018", "episodes:3:CHILD=C1;episodes:3:DECOM=15/08/2017", 3, "episodes" },
        // A residential care home (R1) is registered with the CQC, not Ofsted: no URN, save XXXXXXX, which says it has none.
        { "222", "episodes:1:PLACE=R1", "episodes:1:PLACE=R1;episodes:1:URN=XXXXXXX", 1, "episodes" },
        // C1 moved placement on 01/09/2017 (X1, then P): the category of need stays N1; starting a new period of care it may change.
        { "504", "episodes:1:CIN=N2", "episodes:1:CIN=N2;episodes:0:REC=E4A;episodes:1:RNE=S", 1, "episodes" },
        // C1's adoption details (ad1) need his adoption in the year: 31 March 2018 is in it, 1 April 2018 is not.
        { "602", "episodes:1:DEC=01/04/2018", "episodes:1:DEC=31/03/2018", 0, "ad1" },
        // The local authority where C2's previous permanence option was arranged: an English authority's code, WAL, SCO, NIR or NUK.
        { "633", "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:LA_PERM=458",
            "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:LA_PERM=NUK", 0, "previous_permanence" },
        { "633", "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:LA_PERM=372.0",
            "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:LA_PERM=372", 0, "previous_permanence" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_row_that_breaks_the_rule_is_reported_and_the_near_miss_is_not(string rule, string breaks, string keeps, int row, string table)
    {
        Assert.Contains(Returns.Validate(Returns.With(breaks)), f => f.Rule == rule && f.Table == table && f.Row == row);
        Assert.DoesNotContain(Returns.Validate(Returns.With(keeps)), f => f.Rule == rule);
    }

    [Fact]
    public void Rule_399_reports_the_mother_field_as_well_as_the_reviews()
    {
        var findings = Returns.Validate(Returns.With("episodes:2:LS=V4;episodes:2:HOME_POST=;episodes:2:PL_POST="));
        Assert.Contains(findings, f => f is { Rule: "399", Table: "header", Row: 1 });
        Assert.Contains(findings, f => f is { Rule: "399", Table: "reviews", Row: 1 });
    }

    [Fact]
    public void Rule_523_reports_the_ad1_row_as_well()
    {
        Assert.Contains(Returns.Validate(Returns.With("ad1:0:DATE_INT=02/07/2017")), f => f is { Rule: "523", Table: "ad1", Row: 0 });
    }

    // 632: the order came before the child's first episode (C2's began 15/04/2016); a part written ZZ may be as early as it can be.
    [Theory]
    [InlineData("ZZ/05/2016", true)]
    [InlineData("15/04/2016", true)]
    [InlineData("ZZ/04/2016", false)]
    [InlineData("ZZ/ZZ/2016", false)]
    [InlineData("ZZ/ZZ/ZZZZ", false)]
    [InlineData("ZZ/ZZ/ZZ", true)]
    [InlineData("31/04/2015", true)]
    public void Rule_632_reads_unknown_parts_of_the_previous_permanence_date(string datePerm, bool reported)
    {
        var findings = Returns.Validate(Returns.With($"previous_permanence:0:PREV_PERM=P1;previous_permanence:0:DATE_PERM={datePerm}"));
        Assert.Equal(reported, findings.Any(f => f is { Rule: "632", Table: "previous_permanence", Row: 0 }));
    }

    // 392b: a temporary placement has no placement postcode (214 forbids one), so its absence is not reported.
    [Fact]
    public void Rule_392b_does_not_ask_a_temporary_placement_for_its_postcode()
    {
        var findings = Returns.Validate(Returns.With("episodes:1:PLACE=T1;episodes:1:PLACE_PROVIDER=;episodes:1:PL_POST=;episodes:1:URN="));
        Assert.DoesNotContain(findings, f => f.Rule is "392b" or "214");
    }

    // 118 reports the episode the decision is held against (C1's first) beside the decision.
    [Fact]
    public void Rule_118_reports_the_childs_first_episode_as_well()
    {
        var findings = Returns.Validate(Returns.With("placed_for_adoption:0:DATE_PLACED_CEASED=31/05/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1"));
        Assert.Contains(findings, f => f is { Rule: "118", Table: "episodes", Row: 0 });
    }

    // 118: a short break (V3, V4) is not the start of being looked after; C1's first episode, on short breaks, does not count.
    [Fact]
    public void Rule_118_holds_the_decision_against_the_first_episode_that_is_not_a_short_break()
    {
        var findings = Returns.Validate(Returns.With(
            "episodes:0:LS=V3;placed_for_adoption:0:DATE_PLACED_CEASED=31/08/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1"));
        Assert.Contains(findings, f => f is { Rule: "118", Table: "episodes", Row: 1 });
        Assert.DoesNotContain(Returns.Validate(Returns.With(
            "episodes:0:LS=V3;placed_for_adoption:0:DATE_PLACED_CEASED=01/09/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1")), f => f.Rule == "118");
    }

    // 199 reads last year's episodes too, when the import has them: C2 adopted on 31 March 2017 and looked after again this year.
    [Fact]
    public void Rule_199_sees_an_adoption_in_last_years_return()
    {
        const string adoptedLastYear = "episodes_last:1:DEC=31/03/2017;episodes_last:1:REC=E11;episodes_last:1:PLACE=A4;episodes:2:DECOM=01/04/2017;episodes:2:RNE=S";
        Assert.Contains(Returns.Validate(Returns.With(adoptedLastYear)), f => f is { Rule: "199", Table: "episodes", Row: 2 });
        Assert.DoesNotContain(Returns.Validate(Returns.ThisYearOnly(Returns.With(adoptedLastYear))), f => f.Rule == "199");
        // A second adoption is reported too: the first already showed the child adopted from care.
        Assert.Contains(Returns.Validate(Returns.With(adoptedLastYear + ";episodes:2:DEC=01/03/2018;episodes:2:REC=E11;episodes:2:PLACE=A4")),
            f => f is { Rule: "199", Table: "episodes", Row: 2 });
    }

    // 222 reads the placement codes the DfE lists: an invalid code beginning with T is 146's to report, not 222's.
    [Fact]
    public void Rule_222_leaves_an_invalid_placement_code_to_146()
    {
        var findings = Returns.Validate(Returns.With("episodes:1:PLACE=T9"));
        Assert.Contains(findings, f => f is { Rule: "146", Table: "episodes", Row: 1 });
        Assert.DoesNotContain(findings, f => f.Rule == "222");
        Assert.Contains(Returns.Validate(Returns.With("episodes:1:PLACE=T4")), f => f is { Rule: "222", Table: "episodes", Row: 1 });
    }

    [Fact]
    public void Each_added_rule_is_reported_as_checked_by_the_rule_list()
    {
        var added = Cases.Select(c => (string)c[0]).ToList();
        Assert.All(added, code => Assert.True(RuleList.All.Single(r => r.Code == code).Checked, code));
    }
}
