using System.Globalization;
using System.Text.RegularExpressions;

namespace Children.API.Returns903;

/// <summary>The 903 code lists and value formats.</summary>
public static partial class CodeLists
{
    public static readonly HashSet<string> SexNumeric = ["1", "2"];
    public static readonly HashSet<string> SexLetters = ["M", "F", "U"];
    public static readonly HashSet<string> Ethnicity =
    [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ];
    public static readonly HashSet<string> ReasonNewEpisode = ["S", "L", "P", "T", "B", "U"];
    public static readonly HashSet<string> LegalStatus = ["C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"];
    public static readonly HashSet<string> CategoryOfNeed = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"];
    public static readonly HashSet<string> Placement =
    [
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
        "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
    ];
    /// <summary>
    /// The placements Ofsted registers neither the placement nor its provider, so they have no URN (DfE 218, 222): placed with
    /// parents (P1), independent living (P2), residential employment (P3), CQC homes (R1), hospitals (R2), young offender
    /// institutions (R5), semi-independent living (H5), temporary placements (T0-T4) and other (Z1).
    /// </summary>
    public static readonly HashSet<string> PlacementsWithoutUrn = ["H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"];
    public static readonly HashSet<string> Provider = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"];
    public static readonly HashSet<string> ReasonEpisodeCeased =
    [
        "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E8", "E9",
        "E14", "E15", "E16", "E17",
    ];
    public static readonly HashSet<string> ReasonPlaceChange =
        ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"];
    public static readonly HashSet<string> ReviewParticipation = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];
    public static readonly HashSet<string> MissingType = ["M", "A"];
    /// <summary>
    /// Where a previous permanence option was arranged (LA_PERM): an English authority's three-digit DfE code, WAL, SCO or NIR
    /// for Wales, Scotland or Northern Ireland, NUK for not known. The 152 authorities of 2013-2019 (an order made years ago
    /// names the authority of its day), 999 as the public validators accept it, and the authorities created since: Dorset (838)
    /// and Bournemouth, Christchurch and Poole (839) in 2019, North and West Northamptonshire (940, 941) in 2021, Cumberland
    /// and Westmorland and Furness (942, 943) in 2023.
    /// </summary>
    public static readonly HashSet<string> PreviousPermanenceAuthority =
    [
        "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "301", "302", "303", "304", "305", "306", "307",
        "308", "309", "310", "311", "312", "313", "314", "315", "316", "317", "318", "319", "320", "330", "331", "332", "333", "334", "335", "336",
        "340", "341", "342", "343", "344", "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371", "372", "373", "380",
        "381", "382", "383", "384", "390", "391", "392", "393", "394", "420", "800", "801", "802", "803", "805", "806", "807", "808", "810", "811",
        "812", "813", "815", "816", "821", "822", "823", "825", "826", "830", "831", "835", "836", "837", "840", "841", "845", "846", "850", "851",
        "852", "855", "856", "857", "860", "861", "865", "866", "867", "868", "869", "870", "871", "872", "873", "874", "876", "877", "878", "879",
        "880", "881", "882", "883", "884", "885", "886", "887", "888", "889", "890", "891", "892", "893", "894", "895", "896", "908", "909", "916",
        "919", "921", "925", "926", "928", "929", "931", "933", "935", "936", "937", "938", "999",
        "838", "839", "940", "941", "942", "943",
        "WAL", "SCO", "NIR", "NUK",
    ];

    /// <summary>Placement types that are temporary (T0–T4).</summary>
    public static bool IsTemporary(string place) => place.Length == 2 && place[0] == 'T';
    /// <summary>Foster placements (U1–U6).</summary>
    public static bool IsFoster(string place) => place.Length == 2 && place[0] == 'U';
    /// <summary>Placed for adoption (A3–A6).</summary>
    public static bool IsAdoption(string place) => place.Length == 2 && place[0] == 'A';
    /// <summary>Short-break series: excluded from stability measures.</summary>
    public static bool IsShortBreak(string legalStatus) => legalStatus is "V3" or "V4";

    /// <summary>
    /// A 903 date, dd/mm/yyyy exactly; null when blank or not a real date, which includes one outside 1900-2100 (the range every
    /// request date keeps to: a year 9999 birth date overflowed the KPIs' age arithmetic).
    /// </summary>
    public static DateOnly? Date(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        && Intervention.ServiceDefaults.Http.Dates.InRange(d) ? d : null;

    public static string Format(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    public static string Format(DateOnly? day) => day is { } d ? Format(d) : "";

    /// <summary>Whole years of age on <paramref name="on"/>.</summary>
    public static int Age(DateOnly dob, DateOnly on)
    {
        var age = on.Year - dob.Year;
        if (on < dob.AddYears(age)) age--;
        return age;
    }

    /// <summary>A UK postcode, full ("S60 2TH") or the 903's sector form ("S60 2").</summary>
    public static bool IsPostcode(string text) => PostcodeShape().IsMatch(text.Trim().ToUpperInvariant());

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9]([A-Z]{2})?$")]
    private static partial Regex PostcodeShape();

    private const string CheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>A Unique Pupil Number with a correct check letter, or one of the unknown codes UN1–UN5.</summary>
    public static bool IsUpn(string upn)
    {
        if (upn is "UN1" or "UN2" or "UN3" or "UN4" or "UN5") return true;
        if (upn.Length != 13 || !char.IsAsciiLetterUpper(upn[0])) return false;
        for (var i = 1; i < 12; i++) if (!char.IsAsciiDigit(upn[i])) return false;
        if (!char.IsAsciiDigit(upn[12]) && !CheckLetters.Contains(upn[12])) return false;
        return UpnCheckLetter(upn[1..]) == upn[0];
    }

    /// <summary>The check letter of the twelve characters after it (the DfE's weights 2 to 13, modulo 23).</summary>
    public static char UpnCheckLetter(string rest)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var c = rest[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : CheckLetters.IndexOf(c);
            sum += value * (i + 2);
        }
        return CheckLetters[sum % 23];
    }
}
