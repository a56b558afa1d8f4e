using System.Globalization;
using System.Text;
using Intervention.Contracts.Children.Http;

namespace Intervention.Seeds.Children;

/// <summary>How big a synthetic year is. <see cref="Rotherham2017To18"/> follows the seeds' figures.</summary>
/// <param name="LookedAfterAtStart">Children looked after on 1 April.</param>
/// <param name="LookedAfterAtEnd">Children looked after on 31 March.</param>
/// <param name="Leavers">Children who cease to be looked after in the year.</param>
/// <param name="FamilyBasedShare">Share of those looked after on 31 March in family-based settings.</param>
/// <param name="VisitsOnTimeShare">Share of statutory visits done by their due date.</param>
/// <param name="ReviewsPerChild">Reviews in the year for a child looked after all year (fewer for part of it).</param>
/// <param name="NeverMovedShare">Share of children still in their first placement of the period of care.</param>
public sealed record SyntheticYearShape(int LookedAfterAtStart, int LookedAfterAtEnd, int Leavers, double FamilyBasedShare, double VisitsOnTimeShare,
    double ReviewsPerChild,
    double NeverMovedShare = 0.45)
{
    /// <summary>2017/18 as the Commissioners' reports give it: about 509 rising to 628 children in care, 81% family-based, 93% of visits on time.</summary>
    public static SyntheticYearShape Rotherham2017To18 { get; } = new(509, 628, 240, 0.81, 0.93, 2.4);

    /// <summary>The benchmark's size: 2,700 children, about 5,000 episodes and 12,500 reviews.</summary>
    public static SyntheticYearShape Benchmark { get; } = new(1500, 1800, 900, 0.81, 0.93, 7.0, 0.385);
}

/// <summary>
/// An entirely fictional SSDA903 return for 2017/18 and the casework behind the KPIs: identifiers, dates of birth,
/// postcodes and URNs are made up from a seeded random generator, so the same shape always gives the same data.
/// Every row keeps the DfE rules the service checks.
/// </summary>
public sealed class SyntheticReturn
{
    public const string CollectionYear = "2017/18";
    public static readonly DateOnly YearStart = new(2017, 4, 1);
    public static readonly DateOnly YearEnd = new(2018, 3, 31);

    public Dictionary<string, StringBuilder> Files { get; } = new()
    {
        ["header"] = new("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"),
        ["episodes"] = new("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"),
        ["reviews"] = new("CHILD,DOB,REVIEW,REVIEW_CODE\r\n"),
        ["missing"] = new("CHILD,DOB,MISSING,MIS_START,MIS_END\r\n"),
    };
    public int Children { get; private set; }
    public int Episodes { get; private set; }
    public int Reviews { get; private set; }
    public int MissingEpisodes { get; private set; }

    public List<VisitRecord> Visits { get; } = [];
    public List<AssessmentRecord> Assessments { get; } = [];
    public List<PlanRecord> Plans { get; } = [];
    public List<HealthAssessmentRecord> HealthAssessments { get; } = [];
    public List<ReturnInterviewRecord> ReturnInterviews { get; } = [];
    public List<SocialWorkerRecord> SocialWorkers { get; } = [];
    public List<AllocationRecord> Allocations { get; } = [];
    public List<PostcodeRecord> Postcodes { get; } = [];

    /// <summary>
    /// The 903 reference data for this year, as the children's team uploads it: the postcode lookup of every sector the episodes use
    /// (<c>POSTCODE,LA,EASTING,NORTHING</c>; made-up grid references near the real towns, the authorities' public ONS codes) and a
    /// provider list of the made-up URNs (<c>URN,LA,POSTCODE,REGISTERED,CEASED,PLACE_CODES,PROVIDER_CODES</c>): fictional providers.
    /// </summary>
    public StringBuilder ReferencePostcodes { get; } = new("POSTCODE,LA,EASTING,NORTHING\r\n");

    /// <inheritdoc cref="ReferencePostcodes"/>
    public StringBuilder ReferenceProviders { get; } = new("URN,LA,POSTCODE,REGISTERED,CEASED,PLACE_CODES,PROVIDER_CODES\r\n");

    /// <summary>The council's local authority code (Rotherham's ONS code), as the reference postcode lookup writes codes.</summary>
    public const string OwnLa = "E08000018";

    /// <summary>The day the seeds' reference data describes.</summary>
    public static readonly DateOnly ReferenceAsAt = new(2017, 4, 1);

    // The authority of each sector outside Rotherham's: Sheffield, Doncaster, Barnsley, Leeds, Manchester, Birmingham, Nottingham.
    private static readonly Dictionary<string, string> LaOfSector = new()
    {
        ["S10 2"] = "E08000019", ["S8 0"] = "E08000019", ["DN1 3"] = "E08000017", ["S70 1"] = "E08000016",
        ["LS6 1"] = "E08000035", ["M14 5"] = "E08000003", ["B15 2"] = "E08000025", ["NG7 1"] = "E06000018",
    };

    private readonly SortedDictionary<string, (string La, string Postcode, SortedSet<string> Places, SortedSet<string> Providers)> _providers =
        new(StringComparer.Ordinal);

    private static string LaOf(string sector) => LaOfSector.GetValueOrDefault(sector, OwnLa);

    /// <summary>Rotherham's postcode sectors (home and most placements) and places further away, with made-up centroids near the real towns.</summary>
    private static readonly (string Sector, double Lat, double Lon)[] HomeSectors = Enumerable.Range(0, 40)
        .Select(i => ($"S{60 + i % 7} {1 + i / 7}", 53.40 + (i % 7) * 0.012, -1.38 + (i / 7) * 0.015)).ToArray();
    private static readonly (string Sector, double Lat, double Lon)[] NearSectors = [("S10 2", 53.38, -1.51), ("S8 0", 53.34, -1.48),
        ("DN1 3", 53.52, -1.13), ("S70 1", 53.55, -1.48)];
    private static readonly (string Sector, double Lat, double Lon)[] FarSectors = [("LS6 1", 53.82, -1.57), ("M14 5", 53.45, -2.22),
        ("B15 2", 52.46, -1.92), ("NG7 1", 52.95, -1.18)];

    /// <summary>
    /// The made-up agencies whose URNs foster placements and placements for adoption give (DfE 218): the council's own fostering
    /// service and adoption agency (PR1), at its offices in Rotherham, and an independent fostering agency (PR4) in Sheffield.
    /// Fixed numbers below the range drawn for children's homes, so none is a home's and nothing more is drawn.
    /// </summary>
    public static readonly (string Urn, string Office) OwnFosteringService = ("SC040018", "S60 1"), OwnAdoptionAgency = ("SC040019", "S60 1"),
        IndependentFosteringAgency = ("SC041234", "S10 2");

    private static (string Urn, string Office)? AgencyOf(string place, string provider) => place switch
    {
        ['U', _] => provider == "PR1" ? OwnFosteringService : IndependentFosteringAgency,
        ['A', _] => OwnAdoptionAgency,
        _ => null,
    };

    private static readonly string[] FamilyPlacements = ["U4", "U4", "U4", "U6", "U6", "U1", "U3", "U5", "A4", "A6", "P1"];
    private static readonly string[] OtherPlacements = ["K2", "K2", "K2", "H5", "R1"];
    private const string Ethnicities = "WBRI WBRI WBRI WBRI WBRI WBRI WBRI WBRI APKN MWBA BAFR WROM WOTH";

    private readonly Random _random;
    private readonly SyntheticYearShape _shape;

    private SyntheticReturn(SyntheticYearShape shape, int seed)
    {
        _shape = shape;
        _random = new Random(seed);
    }

    public static SyntheticReturn Generate(SyntheticYearShape shape, int seed = 2017)
    {
        var r = new SyntheticReturn(shape, seed);
        r.Build();
        return r;
    }

    /// <summary>The provider list's row for a URN placement: its place and provider codes gathered from every episode that names it.</summary>
    private void Provide(string urn, string sector, string place, string provider)
    {
        if (!_providers.TryGetValue(urn, out var known)) _providers[urn] = known = (LaOf(sector), sector, [], []);
        known.Places.Add(place);
        known.Providers.Add(provider);
    }

    private void WriteProviders()
    {
        foreach (var (urn, (la, postcode, places, providers)) in _providers)
            ReferenceProviders.Append($"{urn},{la},{postcode},01/04/2000,,{string.Join(' ', places)},{string.Join(' ', providers)}\r\n");
    }

    private static string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    private DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(_random.Next(0, Math.Max(1, to.DayNumber - from.DayNumber + 1)));
    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private void Build()
    {
        foreach (var (sector, lat, lon) in HomeSectors.Concat(NearSectors).Concat(FarSectors))
        {
            Postcodes.Add(new(sector, lat, lon));
            // A rough flat projection of the made-up centroids onto the British National Grid: near enough for made-up places.
            var easting = (int)Math.Round(400000 + (lon + 2) * 66000);
            var northing = (int)Math.Round((lat - 49.766) * 111200);
            ReferencePostcodes.Append(CultureInfo.InvariantCulture, $"{sector},{LaOf(sector)},{easting},{northing}\r\n");
        }

        var workers = Enumerable.Range(1, Math.Max(10, _shape.LookedAfterAtEnd / 11)).Select(i => $"SW{i:000}").ToList();
        var agency = (int)Math.Round(workers.Count * 0.18);
        for (var i = 0; i < workers.Count; i++)
            SocialWorkers.Add(new(workers[i], i < agency, new DateOnly(2015, 9, 1).AddDays(i * 7), null));

        // Children: those looked after on 1 April (some leave in the year) and those who start in the year (some leave again).
        var leaversFromStart = _shape.Leavers - _shape.Leavers / 3;
        var entrants = _shape.LookedAfterAtEnd - (_shape.LookedAfterAtStart - leaversFromStart) + _shape.Leavers / 3;
        var atEnd = _shape.LookedAfterAtEnd;
        var familyAtEnd = (int)Math.Round(atEnd * _shape.FamilyBasedShare);
        var endIndex = 0;
        var n = 0;
        for (var i = 0; i < _shape.LookedAfterAtStart + entrants; i++)
        {
            var atStart = i < _shape.LookedAfterAtStart;
            var leaves = atStart ? i < leaversFromStart : i - _shape.LookedAfterAtStart < _shape.Leavers / 3;
            bool? familyAtYearEnd = leaves ? null : endIndex++ < familyAtEnd;
            Child($"C{++n:00000}", atStart, leaves, familyAtYearEnd, workers);
        }

        // Assessments and child in need plans: children in need, most not looked after.
        for (var i = 0; i < _shape.LookedAfterAtEnd * 3; i++)
        {
            var started = Between(YearStart.AddDays(-40), YearEnd.AddDays(-50));
            var days = _random.NextDouble() < 0.872 ? _random.Next(10, 60) : _random.Next(68, 110);
            Assessments.Add(new($"N{i + 1:00000}", started, started.AddDays(days)));
        }
        for (var i = 0; i < _shape.LookedAfterAtEnd; i++)
        {
            var started = Between(YearStart.AddDays(-200), YearEnd.AddDays(-20));
            var due = _random.NextDouble() < 0.986 ? YearEnd.AddDays(_random.Next(0, 90)) : YearEnd.AddDays(-_random.Next(1, 40));
            Plans.Add(new($"N{i + 1:00000}", started, null, due));
        }
        WriteProviders();
    }

    private void Child(string id, bool atStart, bool leaves, bool? familyAtYearEnd, List<string> workers)
    {
        var careStart = atStart ? Between(YearStart.AddYears(-7), YearStart.AddDays(-30)) : Between(YearStart.AddDays(1), YearEnd.AddDays(-30));
        var ageAtCare = _random.Next(0, 16);
        var dob = careStart.AddYears(-ageAtCare).AddDays(-_random.Next(1, 360));
        // A child still looked after at 31 March is under 18 then (DfE 359: past 18 only under V2 in a community home).
        // Moving the birth by whole years draws nothing more, so the rest of the year is generated as before.
        if (!leaves && Age(dob, YearEnd) >= 18) dob = dob.AddYears(Age(dob, YearEnd) - 17);
        var careEnd = leaves ? Between(Max(careStart.AddDays(20), YearStart), YearEnd.AddDays(-2)) : (DateOnly?)null;
        var girl = _random.Next(2) == 0;
        var ethnic = Pick(Ethnicities.Split(' '));
        var home = Pick(HomeSectors).Sector;
        var upn = Upn(dob);
        var mother = girl ? "0" : ""; // DfE 393: a looked-after girl of any age has the mother field completed
        Files["header"].Append($"{id},{(girl ? "2" : "1")},{D(dob)},{ethnic},{upn},{mother},\r\n");
        Children++;

        // Episodes from the start of care: placement changes (P) and legal status changes (L), back to back.
        var until = careEnd ?? YearEnd.AddDays(1);
        var legal = ageAtCare < 1 && _random.Next(3) == 0 ? "C1" : "C2";
        var roll = _random.NextDouble();
        var moves = roll < _shape.NeverMovedShare ? 0 : roll < 0.80 ? 1 : roll < 0.93 ? 2 : 3;
        var starts = new List<DateOnly> { careStart };
        for (var m = 0; m < moves; m++)
        {
            var next = Between(starts[^1].AddDays(14), until.AddDays(-14));
            if (next <= starts[^1].AddDays(7) || next >= until.AddDays(-7)) break;
            starts.Add(next);
        }
        var cin = _random.NextDouble() < 0.6 ? "N1" : Pick(new[] { "N2", "N3", "N4", "N5", "N6", "N8" });
        var previousPlace = "";
        for (var e = 0; e < starts.Count; e++)
        {
            var start = starts[e];
            var last = e == starts.Count - 1;
            var age = Age(dob, start);
            string place;
            if (last && familyAtYearEnd is { } family) place = family ? FamilyPlacement(age) : OtherPlacement(age);
            else place = _random.NextDouble() < 0.8 || age < 11 ? FamilyPlacement(age) : OtherPlacement(age);
            if (place == previousPlace) place = place == "U4" ? "U6" : place == "K2" ? "R1" : "U4";
            var lsHere = place is "A4" or "A6" ? "E1" : legal;
            var rne = e == 0 ? "S" : "P";
            if (e > 0 && lsHere != legal) rne = "B";
            if (e > 0 && lsHere == legal && legal == "C1") { lsHere = "C2"; rne = "B"; }
            legal = lsHere;
            var provider = place switch { "P1" => "PR0", "A4" or "A6" or "U1" or "U3" => "PR1", "H5" or "R1" => "PR4",
                _ => _random.Next(3) == 0 ? "PR4" : "PR1" };
            var pl = place == "P1" ? home : PlacementSector(home);
            // Only the children's home (K2) is Ofsted's to register (rule 222). The number is drawn for H5 and R1 as well, as it always
            // was, so that every later draw, and so the whole year, stays the same.
            var urnNumber = place is "K2" or "H5" or "R1" ? _random.Next(100000, 999999) : 0;
            var urn = place == "K2" ? $"SC{urnNumber}" : "";
            // A home in another authority is not the council's own provision (DfE 229, 1015): it is that authority's. Decided
            // from what was drawn, so the rest of the year is generated as before.
            if (place is "K2" or "H5" or "R1" && provider == "PR1" && LaOf(pl) != OwnLa) provider = "PR2";
            if (urn.Length > 0) Provide(urn, pl, place, provider);
            // Foster care and placements for adoption give their agency's URN (DfE 218), listed at the agency's office, not the carers' home.
            else if (AgencyOf(place, provider) is { } agency) Provide(urn = agency.Urn, agency.Office, place, provider);
            var end = last ? careEnd : starts[e + 1];
            var rec = end is null ? "" : !last ? "X1" : LeavingReason(place, Age(dob, end.Value));
            var reasonChange = !last ? Pick(new[] { "CARPL", "PLACE", "CHILD", "LAREQ", "OTHER" }) : "";
            var ended = end is { } d ? D(d) : "";
            Files["episodes"].Append($"{id},{D(start)},{rne},{lsHere},{cin},{place},{provider},{ended},{rec},{reasonChange},{home},{pl},{urn}\r\n");
            Episodes++;
            previousPlace = place;
        }

        // In-year care: reviews, statutory visits, health assessments, missing episodes and the allocated social worker.
        var from = Max(careStart, YearStart);
        var to = careEnd ?? YearEnd;
        var share = (to.DayNumber - from.DayNumber) / 365.0;
        var reviews = (int)Math.Round(_shape.ReviewsPerChild * share + _random.NextDouble() - 0.5);
        for (var k = 0; k < Math.Max(0, reviews); k++)
        {
            var on = from.AddDays((int)((k + 0.5) * (to.DayNumber - from.DayNumber) / Math.Max(1, reviews)));
            var code = Age(dob, on) < 4 ? "PN0" : Pick(new[] { "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7" });
            Files["reviews"].Append($"{id},{D(dob)},{D(on)},{code}\r\n");
            Reviews++;
        }
        for (var due = careStart.AddDays(42); due <= to; due = due.AddDays(42))
        {
            if (due < YearStart) continue;
            DateOnly? visited = _random.NextDouble() < _shape.VisitsOnTimeShare ? due.AddDays(-_random.Next(0, 10)) : due.AddDays(_random.Next(1, 15));
            Visits.Add(new(id, due, visited));
        }
        var health = careStart >= YearStart ? (Kind: "Initial", Due: careStart.AddDays(28)) : (Kind: "Annual", Due: Between(YearStart, YearEnd));
        if (health.Due <= to)
            HealthAssessments.Add(new(id, health.Kind, health.Due,
                _random.NextDouble() < 0.9 ? health.Due.AddDays(-_random.Next(0, 14)) : health.Due.AddDays(_random.Next(3, 40))));
        if (Age(dob, from) >= 11 && _random.NextDouble() < 0.25)
        {
            var missingFrom = from.AddDays(5);
            for (var k = 0; k < _random.Next(1, 4) && missingFrom < to.AddDays(-10); k++)
            {
                var start = Between(missingFrom, to.AddDays(-5));
                var end = start.AddDays(_random.Next(0, 3));
                Files["missing"].Append($"{id},{D(dob)},{(_random.Next(4) == 0 ? "A" : "M")},{D(start)},{D(end)}\r\n");
                MissingEpisodes++;
                if (_random.NextDouble() < 0.78) ReturnInterviews.Add(new(id, end, end.AddDays(_random.Next(0, 3))));
                else if (_random.Next(2) == 0) ReturnInterviews.Add(new(id, end, end.AddDays(_random.Next(4, 12))));
                missingFrom = end.AddDays(3);
            }
        }
        Allocations.Add(new(id, Pick(workers), from, careEnd));
    }

    private string FamilyPlacement(int age) => age switch
    {
        < 5 => Pick(new[] { "U4", "U6", "U1", "A4", "A6", "U3" }),
        _ => Pick(FamilyPlacements.Where(p => !p.StartsWith('A')).ToArray()),
    };

    private string OtherPlacement(int age) => age switch
    {
        >= 16 => Pick(OtherPlacements),
        >= 10 => Pick(new[] { "K2", "K2", "R1" }),
        _ => "R1",
    };

    private string PlacementSector(string home)
    {
        var roll = _random.NextDouble();
        var sector = roll < 0.80 ? Pick(HomeSectors).Sector : roll < 0.92 ? Pick(NearSectors).Sector : Pick(FarSectors).Sector;
        return sector == home ? HomeSectors[(Array.FindIndex(HomeSectors, s => s.Sector == home) + 1) % HomeSectors.Length].Sector : sector;
    }

    private string LeavingReason(string place, int age) => age >= 18
        ? (place.StartsWith('U') ? "E17" : "E8")
        : place.StartsWith('A') ? "E11"
        : place.StartsWith('U') && _random.Next(3) == 0 ? "E45"
        : Pick(new[] { "E4A", "E4A", "E4A", "E13", "E8" });

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static int Age(DateOnly dob, DateOnly on)
    {
        var age = on.Year - dob.Year;
        return on < dob.AddYears(age) ? age - 1 : age;
    }

    private const string CheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>A made-up UPN with a correct check letter (LA 372, a school number, the year of entry), or UN1 for under-fives.</summary>
    private string Upn(DateOnly dob)
    {
        if (Age(dob, YearEnd) < 5) return "UN1";
        var rest = $"372{_random.Next(1000, 9999)}{(dob.Year + 5) % 100:00}{_random.Next(100, 999)}";
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (rest[i] - '0') * (i + 2);
        return CheckLetters[sum % 23] + rest;
    }
}
