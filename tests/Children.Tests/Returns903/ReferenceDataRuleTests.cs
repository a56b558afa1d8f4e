using Children.API.ReferenceData;
using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// The rules over reference data (the postcode lookup and Ofsted's provider list): with a small lookup and list beside the small
/// valid return (see <see cref="Returns"/>), a row that breaks each is reported with its code, table and row; the edge beside it
/// is not; and with no reference data loaded, the rule reports nothing and the rule list says it did not run.
/// </summary>
public sealed class ReferenceDataRuleTests
{
    private const string Own = "E08000018", Leeds = "E08000035", Cardiff = "W06000015";

    /// <summary>
    /// The valid return's sectors: four in the council's own authority and one (LS6 1) in another; and one in Wales (CF10 1).
    /// </summary>
    public static ReferenceLists Lists(bool postcodes = true, bool providers = true) => new(Own,
        postcodes
            ? [
                ("S60 1", new PostcodePlace(Own, 443000, 392000)), ("S61 2AB", new PostcodePlace(Own, 441000, 394000)),
                ("S62 1", new PostcodePlace(Own, 445000, 396000)), ("S63 1", new PostcodePlace(Own, 446000, 400000)),
                ("LS6 1", new PostcodePlace(Leeds, 428000, 436000)), ("CF10 1", new PostcodePlace(Cardiff, 318000, 176000)),
            ]
            : null,
        providers
            ? [
                // C1's adoptive placement (episodes row 1, K2, PR4, from 01/09/2017): registered that very day.
                new Provider("SC123456", Leeds, "LS6 1AA", new DateOnly(2017, 9, 1), null, Set("K2"), Set("PR4", "PR5")),
                // Ceased the day C1's placement ended (01/03/2018: adopted), and the day before.
                new Provider("SC222222", Leeds, "LS6 1AA", new DateOnly(2010, 1, 1), new DateOnly(2018, 3, 1), Set("K2"), Set("PR4")),
                new Provider("SC333333", Leeds, "LS6 1AA", new DateOnly(2010, 1, 1), new DateOnly(2018, 2, 28), Set("K2"), Set("PR4")),
                // The fostering services of the foster placements (rows 0 and 2): the council's own, and an independent agency in Leeds.
                // Their offices are not the carers' homes.
                new Provider("SC040018", Own, "S60 1AA", new DateOnly(2000, 1, 1), null, Set("U1", "U2", "U3", "U4", "U5", "U6"), Set("PR1")),
                new Provider("SC041234", Leeds, "LS6 1AB", new DateOnly(2005, 1, 1), null, Set("U1", "U2", "U3", "U4", "U5", "U6"), Set("PR4")),
            ]
            : null);

    private static HashSet<string> Set(params string[] codes) => [.. codes];

    private const string C2CareEndedLastYear = "episodes_last:1:DEC=31/03/2017;episodes_last:1:REC=E8";

    public static TheoryData<string, string, string, int> Cases => new()
    {
        // rule, change that breaks it, edge that keeps it, episodes row reported
        // "Distance is not valid. Please check a valid postcode has been entered": ZZ9 9 is in no lookup; S63 1 is.
        { "164", "episodes:0:PL_POST=ZZ9 9", "episodes:0:PL_POST=S63 1", 0 },
        // "LA of placement is not valid or is missing. Please check ...": an unknown postcode; a blank one is another rule's.
        { "169", "episodes:0:PL_POST=ZZ9 9", "episodes:0:PL_POST=", 0 },
        // "Ofsted Unique reference number (URN) is required": C2's foster placement, open, in Rotherham, with no URN; placed in
        // Wales, where Ofsted registers no one, it needs none.
        { "218", "episodes:2:URN=", "episodes:2:URN=;episodes:2:PL_POST=CF10 1", 2 },
        // "URN ... does not match the placement type recorded": SC123456 is registered for K2 only; no URN (XXXXXXX) is not checked.
        { "219", "episodes:1:PLACE=U4", "episodes:1:PLACE=U4;episodes:1:URN=XXXXXXX", 1 },
        // "URN ... does not match the placement postcode provided": a children's home (K2) at LS6 1AA is in sector LS6 1, not LS6 2.
        // The DfE compares only placements at the provider's own address (K1, K2, R3, S1): an adoption agency's (row 1, A4) is not
        // the adopters' home, as a fostering service's is not the carers'.
        { "221", "episodes:1:PLACE=K2;episodes:1:PL_POST=LS6 2", "episodes:1:PL_POST=LS6 2", 1 },
        // "URN ... does not match the placement provider recorded": SC123456 is PR4 or PR5.
        { "224", "episodes:1:PLACE_PROVIDER=PR2", "episodes:1:PLACE_PROVIDER=PR5", 1 },
        // "URN is not valid for the episode start date": registered 01/09/2017; an episode starting that day is valid.
        { "227", "episodes:1:DECOM=31/08/2017", "episodes:1:DECOM=01/09/2017", 1 },
        // "URN is not valid for the episode end date": open at 31 March 2018 at a provider that ceased on the 30th; the 31st is fine.
        { "228", "episodes:1:URN=SC333333", "episodes:1:URN=SC222222", 1 },
        // "Placement provider does not match between the placing authority and the LA code of the provider": a Leeds home is not own provision.
        { "229", "episodes:1:PLACE_PROVIDER=PR1", "episodes:1:PLACE_PROVIDER=PR2", 1 },
        // "Child is looked after but no distance is recorded": no home postcode; C2 (once UASC) is not expected to have one.
        { "392a", "episodes:0:HOME_POST=", "episodes:2:HOME_POST=", 0 },
        // "Child is UASC or was formerly UASC. Distance should be blank": C2 (in uasc) with both postcodes gives a distance.
        { "406", "episodes:2:HOME_POST=S60 1", "episodes:2:HOME_POST=", 2 },
        // "LA of placement completed but child is looked after under legal status V3 or V4".
        { "420", "episodes:0:LS=V3", "episodes:0:LS=V3;episodes:0:PL_POST=", 0 },
        // "Contradiction between LA of placement code in the last episode of the previous year and in the first episode of the
        // current year": C2's episode began in 2016, so it is last year's carried on; S60 1 is in the same authority as S63 1.
        { "452", "episodes_last:1:PL_POST=LS6 1", "episodes_last:1:PL_POST=S60 1", 2 },
        // "Contradiction between placement distance in the last episode of the previous year and in the first episode of the
        // current year": an episode starting on 1 April is not last year's carried on.
        { "453", "episodes_last:1:PL_POST=S60 1", "episodes_last:1:PL_POST=S60 1;episodes:2:DECOM=01/04/2017", 2 },
        // "The distance / placement LA / placement location in first episode does not match open episode at end of last year".
        { "503G", "episodes_last:1:PL_POST=S60 1", $"episodes_last:1:PL_POST=S60 1;{C2CareEndedLastYear}", 2 },
        { "503H", "episodes_last:1:PL_POST=LS6 1", $"episodes_last:1:PL_POST=LS6 1;{C2CareEndedLastYear}", 2 },
        { "503J", "episodes_last:1:PL_POST=LS6 1", $"episodes_last:1:PL_POST=LS6 1;{C2CareEndedLastYear}", 2 },
        // "Ofsted URN is not valid": not in the provider list; XXXXXXX records that there is none.
        { "1008", "episodes:1:URN=SC999999", "episodes:1:URN=XXXXXXX", 1 },
        // "Placement provider is own provision but child not placed in own LA": PR1 in Leeds.
        // C1's first placement (U4) is with the council's own foster carers, who may live beyond its boundary; a children's home may not.
        { "1015", "episodes:0:PL_POST=LS6 1;episodes:0:PLACE=K2", "episodes:0:PL_POST=LS6 1", 0 },
    };

    private static List<Finding> Validate(string changes, ReferenceLists? lists) =>
        new Validator903(Returns.Year2017, lists).Validate(Returns.Read(Returns.With(changes)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_row_that_breaks_the_rule_is_reported_and_the_edge_is_not(string rule, string breaks, string keeps, int row)
    {
        Assert.Contains(Validate(breaks, Lists()), f => f.Rule == rule && f.Table == "episodes" && f.Row == row);
        Assert.DoesNotContain(Validate(keeps, Lists()), f => f.Rule == rule);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void With_no_reference_data_loaded_the_rule_reports_nothing_and_is_listed_as_not_run(string rule, string breaks, string keeps, int row)
    {
        _ = (keeps, row);
        var reads = ReferenceDataRules.Reads(rule)!;
        Assert.DoesNotContain(Validate(breaks, null), f => f.Rule == rule);
        // The other kind loaded is not this one's: still nothing.
        Assert.DoesNotContain(Validate(breaks, Lists(postcodes: reads != ReferenceDataRules.Postcodes, providers: reads != ReferenceDataRules.ProviderInfo)),
            f => f.Rule == rule);
        var listed = RuleList.All.Single(r => r.Code == rule);
        var tables = new[] { "header", "episodes", "episodes_last", "uasc" };
        var (ran, because) = RuleList.RanFor(listed, new RuleList.ImportTables(tables, tables));
        Assert.False(ran);
        Assert.StartsWith("no reference data loaded: no " + (reads == ReferenceDataRules.Postcodes ? "postcode lookup" : "Ofsted provider list"), because);
        Assert.Equal((true, null), RuleList.RanFor(listed, new RuleList.ImportTables(tables, [.. tables, reads])));
    }

    [Fact]
    public void Every_rule_over_reference_data_has_a_case_and_is_listed_as_checked()
    {
        var cases = Cases.Select(c => (string)c[0]).ToHashSet();
        Assert.All(ReferenceDataRules.All, rule => Assert.Contains(rule.Code, cases));
        Assert.All(ReferenceDataRules.All, rule => Assert.True(RuleList.All.Single(r => r.Code == rule.Code).Checked, rule.Code));
        // Every rule the DfE list gives Ofsted's provider lists as a table reads the provider list here.
        Assert.All(RuleList.All.Where(r => r.Tables.Contains(ReferenceDataRules.ProviderInfo)),
            r => Assert.Equal(ReferenceDataRules.ProviderInfo, ReferenceDataRules.Reads(r.Code)));
    }

    // 218, as the DfE's guidance and its check read it: a URN is needed for every placement Ofsted registers or whose provider it
    // registers (placed for adoption: the adoption agency's; foster care: the fostering service's), and for no other.
    public static TheoryData<string> PlacementsOfstedRegisters =>
        ["A3", "A4", "A5", "A6", "K1", "K2", "K3", "R3", "S1", "U1", "U2", "U3", "U4", "U5", "U6"];

    public static TheoryData<string> PlacementsOfstedDoesNotRegister =>
        ["H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"];

    [Theory]
    [MemberData(nameof(PlacementsOfstedRegisters))]
    public void A_placement_Ofsted_registers_open_after_1_April_in_England_with_no_URN_breaks_218(string place) =>
        Assert.Contains(Validate($"episodes:2:PLACE={place};episodes:2:URN=", Lists()), f => f is { Rule: "218", Table: "episodes", Row: 2 });

    [Theory]
    [MemberData(nameof(PlacementsOfstedDoesNotRegister))]
    public void A_placement_Ofsted_does_not_register_needs_no_URN(string place) =>
        Assert.DoesNotContain(Validate($"episodes:2:PLACE={place};episodes:2:URN=", Lists()), f => f.Rule == "218");

    [Fact]
    public void Rule_218_takes_XXXXXXX_as_the_answer_that_no_URN_applies_and_leaves_episodes_ended_before_1_April_to_last_year()
    {
        Assert.DoesNotContain(Validate("episodes:2:URN=XXXXXXX", Lists()), f => f.Rule == "218");
        // Ended on 31 March 2017: last year's placement. Ended on 1 April 2017: open at the start of this year.
        const string lastYears = "episodes:0:URN=;episodes:0:DECOM=01/01/2017;episodes:0:DEC=";
        Assert.DoesNotContain(Validate(lastYears + "31/03/2017", Lists()), f => f.Rule == "218");
        Assert.Contains(Validate(lastYears + "01/04/2017", Lists()), f => f is { Rule: "218", Row: 0 });
        // Only the lookup placing it in Wales, Scotland, Northern Ireland or beyond takes a placement out of England: a blank
        // postcode, or one the lookup does not hold (169's), is no sign that Ofsted does not register the placement.
        Assert.Contains(Validate("episodes:2:URN=;episodes:2:PL_POST=", Lists()), f => f is { Rule: "218", Row: 2 });
        Assert.Contains(Validate("episodes:2:URN=;episodes:2:PL_POST=ZZ9 9", Lists()), f => f is { Rule: "218", Row: 2 });
        // An invalid placement code (U9) is 146's to report, as an invalid DEC is 147's.
        Assert.DoesNotContain(Validate("episodes:2:URN=;episodes:2:PLACE=U9", Lists()), f => f.Rule == "218");
        Assert.DoesNotContain(Validate("episodes:0:URN=;episodes:0:DEC=32/03/2018", Lists()), f => f.Rule == "218");
    }

    [Theory]
    [InlineData("179")]
    [InlineData("411")]
    public void Rules_over_a_recorded_placement_location_are_not_applicable_to_a_derived_one(string code)
    {
        var tables = new[] { "episodes", ReferenceDataRules.Postcodes };
        var (ran, because) = RuleList.RanFor(RuleList.All.Single(r => r.Code == code), new RuleList.ImportTables(tables, tables));
        Assert.False(ran);
        Assert.StartsWith("not applicable here: PL_LOCATION is derived from PL_LA", because);
    }
}
