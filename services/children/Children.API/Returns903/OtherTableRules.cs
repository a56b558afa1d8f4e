namespace Children.API.Returns903;

/// <summary>
/// What a rule over one row may read besides the row: the collection year, whether the return carries a header file,
/// and the child's header row, if any.
/// </summary>
public sealed record RowContext(CollectionYear Year, bool HeaderPresent, HeaderRow? Header);

/// <summary>
/// One DfE rule that one row of one table breaks or not: its code as the rule list writes it, the table, the fields
/// reported, and the check. A row whose file lacks any of <see cref="Reads"/> is not checked by the rule.
/// </summary>
public sealed record RowRule(string Code, string Table, string[] Fields, string[] Reads, Func<OtherRow, RowContext, bool> Breaks)
{
    public RowRule(string code, string table, string[] fields, Func<OtherRow, RowContext, bool> breaks) : this(code, table, fields, fields, breaks) { }
}

/// <summary>
/// The rules over the return's other tables (uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence) that read one
/// row at a time, one entry per rule. The checks that need the child's header row (INT..) run only when the return carries
/// a header file, like INT03 for episodes; the rules that compare rows with each other are in <see cref="Validator903"/>.
/// </summary>
public static class OtherTableRules
{
    public const string Uasc = "uasc", Oc2 = "oc2", Oc3 = "oc3", Ad1 = "ad1";
    public const string PlacedForAdoption = "placed_for_adoption", PreviousPermanence = "previous_permanence";

    private static bool Blank(string value) => value.Length == 0;
    private static bool Given(string value) => value.Length > 0;
    private static bool InvalidDate(OtherRow r, string column) => Given(r[column]) && r.Date(column) is null;
    private static bool NotZeroOrOne(string value) => Given(value) && value is not ("0" or "1");

    /// <summary>The OC2 items for children looked after continuously for 12 months, besides the SDQ.</summary>
    public static readonly string[] Oc2Items =
        ["CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"];
    /// <summary>The four OC2 items that must be completed once any is (182, 544, 547).</summary>
    private static readonly string[] Oc2Core = ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"];
    /// <summary>The AD1 adoption items.</summary>
    public static readonly string[] Ad1Items = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"];
    /// <summary>The care leaver items of OC3.</summary>
    public static readonly string[] Oc3Items = ["IN_TOUCH", "ACTIV", "ACCOM"];

    /// <summary>The children whose OC3 row gives any care leaver information.</summary>
    public static HashSet<string> CareLeavers(ReturnData data) =>
        data.Other(Oc3).Where(r => Oc3Items.Any(f => Given(r[f]))).Select(r => r.Child).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> AdopterSexes = ["M1", "F1", "MM", "FF", "MF"];
    private static readonly HashSet<string> Couples = ["MM", "FF", "MF"];
    private static readonly HashSet<string> SameGender = ["MM", "FF"];
    // L0 single; L11 married couple, different gender; L12 married couple, same gender; L2 civil partners; L3 and L4 unmarried couples, different and
    // same gender.
    private static readonly HashSet<string> AdopterLegalStatus = ["L0", "L11", "L12", "L2", "L3", "L4"];
    private static readonly HashSet<string> ReasonPlacedCeased = ["RD1", "RD2", "RD3", "RD4"];
    private static readonly HashSet<string> SdqReason = ["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"];
    // OC3: in touch (or why not), main activity, and accommodation and whether it is suitable (1) or not (2); 0 is "not known".
    private static readonly HashSet<string> InTouch = ["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"];
    private static readonly HashSet<string> Activity = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"];
    private static readonly HashSet<string> Accommodation =
    [
        "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2", "S2", "T1", "T2",
        "U1", "U2", "V3", "V4", "W1", "W2", "X2", "X3", "Y1", "Y2", "Z1", "Z2", "0",
    ];
    // P1 adoption, P2 special guardianship, P3 child arrangements order, P4 residence order; Z1 none or not known.
    private static readonly HashSet<string> PreviousPermanenceOption = ["P1", "P2", "P3", "P4", "Z1"];

    private static bool ChildMissing(OtherRow r, RowContext c) => c.HeaderPresent && c.Header is null;
    private static bool DobDiffers(OtherRow r, RowContext c) => c.Header is { } h && h.Dob != r["DOB"];
    private static int? AgeOn(OtherRow r, DateOnly day) => r.Date("DOB") is { } dob ? CodeLists.Age(dob, day) : null;

    /// <summary>Every rule here, in the rule list's order within each table.</summary>
    public static readonly IReadOnlyList<RowRule> All =
    [
        // uasc
        new("INT09", Uasc, ["CHILD"], ChildMissing),
        new("INT18", Uasc, ["DOB"], DobDiffers),
        new("INT21", Uasc, ["SEX"], (r, c) => c.Header is { } h && h.Sex != r["SEX"]),
        new("104", Uasc, ["DUC"], (r, _) => InvalidDate(r, "DUC")),
        new("304", Uasc, ["DUC"], ["DUC", "DOB"], (r, _) => r.Date("DUC") is { } duc && r.Date("DOB") is { } dob && duc > dob.AddYears(18)),

        // ad1
        new("INT01", Ad1, ["CHILD"], ChildMissing),
        new("INT11", Ad1, ["DOB"], DobDiffers),
        new("112", Ad1, ["DATE_INT"], (r, _) => InvalidDate(r, "DATE_INT")),
        new("113", Ad1, ["DATE_MATCH"], (r, _) => InvalidDate(r, "DATE_MATCH")),
        new("114", Ad1, ["FOSTER_CARE"], (r, _) => NotZeroOrOne(r["FOSTER_CARE"])),
        new("151", Ad1, ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
            (r, _) => Ad1Items.Any(f => Given(r[f])) && Ad1Items.Any(f => Blank(r[f]))),
        new("175", Ad1, ["NB_ADOPTR"], (r, _) => Given(r["NB_ADOPTR"]) && r["NB_ADOPTR"] is not ("1" or "2")),
        new("176", Ad1, ["SEX_ADOPTR"], (r, _) => Given(r["SEX_ADOPTR"]) && !AdopterSexes.Contains(r["SEX_ADOPTR"])),
        new("177", Ad1, ["LS_ADOPTR"], (r, _) => Given(r["LS_ADOPTR"]) && !AdopterLegalStatus.Contains(r["LS_ADOPTR"])),
        new("333", Ad1, ["DATE_INT"], ["DATE_INT", "DATE_MATCH"],
            (r, _) => r.Date("DATE_INT") is { } decided && r.Date("DATE_MATCH") is { } matched && decided > matched),
        new("511", Ad1, ["NB_ADOPTR", "SEX_ADOPTR"], (r, _) => r["NB_ADOPTR"] == "2" && !Couples.Contains(r["SEX_ADOPTR"])),
        new("514", Ad1, ["LS_ADOPTR", "SEX_ADOPTR"], (r, _) => r["LS_ADOPTR"] == "L0" && Couples.Contains(r["SEX_ADOPTR"])),
        new("517", Ad1, ["LS_ADOPTR", "SEX_ADOPTR"], (r, _) => r["LS_ADOPTR"] == "L3" && r["SEX_ADOPTR"] != "MF"),
        new("518", Ad1, ["LS_ADOPTR", "SEX_ADOPTR"], (r, _) => r["LS_ADOPTR"] == "L4" && !SameGender.Contains(r["SEX_ADOPTR"])),
        new("519", Ad1, ["LS_ADOPTR", "SEX_ADOPTR"], (r, _) => r["LS_ADOPTR"] == "L2" && !Couples.Contains(r["SEX_ADOPTR"])),
        new("520", Ad1, ["LS_ADOPTR", "SEX_ADOPTR"], (r, _) => r["LS_ADOPTR"] == "L11" && SameGender.Contains(r["SEX_ADOPTR"])),
        new("524", Ad1, ["LS_ADOPTR", "SEX_ADOPTR"], (r, _) => r["LS_ADOPTR"] == "L12" && !SameGender.Contains(r["SEX_ADOPTR"])),

        // placed_for_adoption
        new("INT02", PlacedForAdoption, ["CHILD"], ChildMissing),
        new("INT12", PlacedForAdoption, ["DOB"], DobDiffers),
        new("115", PlacedForAdoption, ["DATE_PLACED"], (r, _) => InvalidDate(r, "DATE_PLACED")),
        new("116", PlacedForAdoption, ["DATE_PLACED_CEASED"], (r, _) => InvalidDate(r, "DATE_PLACED_CEASED")),
        // The decision reversed: its date and its reason go together.
        new("119", PlacedForAdoption, ["REASON_PLACED_CEASED", "DATE_PLACED_CEASED"],
            (r, _) => Blank(r["REASON_PLACED_CEASED"]) != Blank(r["DATE_PLACED_CEASED"])),
        new("120", PlacedForAdoption, ["REASON_PLACED_CEASED"],
            (r, _) => Given(r["REASON_PLACED_CEASED"]) && !ReasonPlacedCeased.Contains(r["REASON_PLACED_CEASED"])),
        new("184", PlacedForAdoption, ["DATE_PLACED", "DOB"], ["DATE_PLACED"],
            (r, c) => r.Date("DATE_PLACED") is { } placed && c.Header?.DobOn is { } dob && placed < dob),
        new("522", PlacedForAdoption, ["DATE_PLACED", "DATE_PLACED_CEASED"],
            (r, _) => r.Date("DATE_PLACED") is { } placed && r.Date("DATE_PLACED_CEASED") is { } ceased && placed > ceased),
        new("563", PlacedForAdoption, ["DATE_PLACED", "REASON_PLACED_CEASED", "DATE_PLACED_CEASED"],
            (r, _) => Blank(r["DATE_PLACED"]) && (Given(r["REASON_PLACED_CEASED"]) || Given(r["DATE_PLACED_CEASED"]))),

        // oc2
        new("INT05", Oc2, ["CHILD"], ChildMissing),
        new("INT14", Oc2, ["DOB"], DobDiffers),
        new("158", Oc2, ["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"], (r, _) => r["INTERVENTION_RECEIVED"] == "1" && Given(r["INTERVENTION_OFFERED"])),
        new("159", Oc2, ["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
            (r, _) => r["SUBSTANCE_MISUSE"] == "1" && r["INTERVENTION_RECEIVED"] == "0" && Blank(r["INTERVENTION_OFFERED"])),
        // An SDQ score is a whole number from 0 to 40, written as such (so "12.0" is not one).
        new("180", Oc2, ["SDQ_SCORE"],
            (r, _) => Given(r["SDQ_SCORE"]) && !(r["SDQ_SCORE"].All(char.IsAsciiDigit) && r["SDQ_SCORE"].Length <= 2 && int.Parse(r["SDQ_SCORE"]) <= 40)),
        new("181", Oc2, Oc2Items, (r, _) => Oc2Items.Any(f => NotZeroOrOne(r[f]))),
        new("182", Oc2,
            ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "CONVICTED", "HEALTH_CHECK",
             "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
            (r, _) => Oc2Items.Any(f => Given(r[f])) && Oc2Core.Any(f => Blank(r[f]))),
        new("188", Oc2, ["SDQ_SCORE", "SDQ_REASON"], ["SDQ_SCORE", "SDQ_REASON", "DOB"],
            (r, c) => AgeOn(r, c.Year.End) < 4 && (Given(r["SDQ_SCORE"]) || Given(r["SDQ_REASON"]))),
        new("189", Oc2, ["DOB", "SDQ_SCORE", "SDQ_REASON"], (r, c) => AgeOn(r, c.Year.Start) >= 17 && (Given(r["SDQ_SCORE"]) || Given(r["SDQ_REASON"]))),
        new("192", Oc2, ["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"], (r, _) => r["SUBSTANCE_MISUSE"] == "1" && Blank(r["INTERVENTION_RECEIVED"])),
        new("193", Oc2, ["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
            (r, _) => r["SUBSTANCE_MISUSE"] is "0" or "" && (Given(r["INTERVENTION_RECEIVED"]) || Given(r["INTERVENTION_OFFERED"]))),
        new("196", Oc2, ["SDQ_REASON"], (r, _) => Given(r["SDQ_REASON"]) && !SdqReason.Contains(r["SDQ_REASON"])),
        new("197a", Oc2, ["SDQ_SCORE", "SDQ_REASON"], (r, _) => Given(r["SDQ_SCORE"]) && Given(r["SDQ_REASON"])),
        new("542", Oc2, ["CONVICTED"], ["CONVICTED", "DOB"], (r, c) => AgeOn(r, c.Year.End) < 10 && Given(r["CONVICTED"])),
        new("546", Oc2, ["DOB", "HEALTH_CHECK"], (r, c) => AgeOn(r, c.Year.End) >= 5 && Given(r["HEALTH_CHECK"])),
        new("544", Oc2, ["CONVICTED", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"],
            (r, _) => Given(r["CONVICTED"]) && Oc2Core.Any(f => Blank(r[f]))),
        new("547", Oc2, ["HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"],
            (r, _) => Given(r["HEALTH_CHECK"]) && Oc2Core.Any(f => Blank(r[f]))),

        // oc3
        new("INT06", Oc3, ["CHILD"], ChildMissing),
        new("INT15", Oc3, ["DOB"], DobDiffers),
        // A blank item is 153's to report: these read the values given.
        new("131", Oc3, ["IN_TOUCH"], (r, _) => Given(r["IN_TOUCH"]) && !InTouch.Contains(r["IN_TOUCH"])),
        new("132", Oc3, ["ACTIV"], (r, _) => Given(r["ACTIV"]) && !Activity.Contains(r["ACTIV"])),
        new("133", Oc3, ["ACCOM"], (r, _) => Given(r["ACCOM"]) && !Accommodation.Contains(r["ACCOM"])),
        new("153", Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"], (r, _) => Oc3Items.Any(f => Given(r[f])) && Oc3Items.Any(f => Blank(r[f]))),
        new("344", Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"], (r, _) => r["IN_TOUCH"] is "DIED" or "RHOM" && (Given(r["ACTIV"]) || Given(r["ACCOM"]))),
        // Aged 17 to 21 on some day of the year: the 17th birthday by 31 March, the 22nd after 1 April.
        // In touch with the young person yet activity or accommodation written as 0, not known.
        new("345", Oc3, ["IN_TOUCH", "ACTIV", "ACCOM"], (r, _) => r["IN_TOUCH"] == "YES" && (r["ACTIV"] == "0" || r["ACCOM"] == "0")),
        new("391", Oc3, ["DOB", "IN_TOUCH", "ACTIV", "ACCOM"], (r, c) => Oc3Items.Any(f => Given(r[f])) && r.Date("DOB") is { } dob &&
            (dob.AddYears(17) > c.Year.End || dob.AddYears(22) <= c.Year.Start)),

        // previous_permanence
        new("INT07", PreviousPermanence, ["CHILD"], ChildMissing),
        new("INT16", PreviousPermanence, ["DOB"], DobDiffers),
        // Blank is 630's to report (a child who started to be looked after this year without one).
        new("631", PreviousPermanence, ["PREV_PERM"], (r, _) => Given(r["PREV_PERM"]) && !PreviousPermanenceOption.Contains(r["PREV_PERM"])),
        // Blank is 635's or 630's to judge; a code written 372.0 is not 372.
        new("633", PreviousPermanence, ["LA_PERM"], (r, _) => Given(r["LA_PERM"]) && !CodeLists.PreviousPermanenceAuthority.Contains(r["LA_PERM"])),
        new("635", PreviousPermanence, ["LA_PERM", "DATE_PERM", "PREV_PERM"],
            (r, _) => r["PREV_PERM"] == "Z1" && (Given(r["LA_PERM"]) || Given(r["DATE_PERM"]))),
    ];

    /// <summary>The codes of the rules that report a child named more than once in a table (each later row is reported).</summary>
    public static readonly IReadOnlyDictionary<string, string> OnceOnly = new Dictionary<string, string>
    {
        [Ad1] = "INT31", [Oc2] = "INT33", [Oc3] = "INT34", [PreviousPermanence] = "INT35", [Uasc] = "INT36",
    };
}
