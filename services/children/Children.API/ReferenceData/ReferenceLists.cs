using Children.API.Returns903;

namespace Children.API.ReferenceData;

/// <summary>A postcode's place: its local authority's code and its grid reference (British National Grid, metres).</summary>
public sealed record PostcodePlace(string La, int Easting, int Northing);

/// <summary>
/// One Ofsted-registered provider: its URN, the local authority it is in, its postcode, the days it was registered and
/// ceased (null while open), and the 903 placement (<c>PLACE</c>) and provider (<c>PLACE_PROVIDER</c>) codes it may be recorded with.
/// </summary>
public sealed record Provider(string Urn, string La, string Postcode, DateOnly Registered, DateOnly? Ceased,
    IReadOnlySet<string> PlaceCodes, IReadOnlySet<string> ProviderCodes);

/// <summary>
/// The columns some 903 rules read that no 903 file carries, derived from <c>HOME_POST</c> and <c>PL_POST</c> through the
/// postcode lookup: <c>PL_LA</c> (the placement's local authority), <c>PL_LOCATION</c> (<c>IN</c> or <c>OUT</c> of the
/// council's own) and <c>PL_DISTANCE</c> (miles from home to placement, one decimal place). Null where a postcode is blank
/// or not in the lookup.
/// </summary>
public sealed record DerivedPlacement(string? PlLa, string? PlLocation, decimal? PlDistance);

/// <summary>
/// The reference data one validation reads: the council's own local authority code, and the postcode lookup and the provider
/// list of the versions in force on the validation's day; either is null when no version of it is loaded, and the rules that
/// read it then do not run. Pure: rows in, answers out.
/// </summary>
public sealed class ReferenceLists
{
    private const double MetresPerMile = 1609.344;
    private readonly Dictionary<string, PostcodePlace>? _sectors;
    private readonly Dictionary<string, Provider>? _providers;

    /// <param name="ownLa">The council's local authority code, as the lookup writes codes.</param>
    /// <param name="postcodes">The postcode lookup's rows (full postcodes or the 903's sector form), or null when none is loaded.</param>
    /// <param name="providers">The provider list's rows, or null when none is loaded.</param>
    public ReferenceLists(string ownLa, IEnumerable<(string Postcode, PostcodePlace Place)>? postcodes, IEnumerable<Provider>? providers)
    {
        OwnLa = ownLa;
        _sectors = postcodes is null ? null : BySector(postcodes);
        _providers = providers?.ToDictionary(provider => provider.Urn, StringComparer.Ordinal);
    }

    /// <summary>The council's own local authority code.</summary>
    public string OwnLa { get; }

    /// <summary>Whether a postcode lookup is loaded.</summary>
    public bool HasPostcodes => _sectors is not null;

    /// <summary>Whether a provider list is loaded.</summary>
    public bool HasProviders => _providers is not null;

    /// <summary>The place of a postcode as the 903 writes it (<c>S60 1</c>; a full postcode is read as its sector), or null.</summary>
    public PostcodePlace? Place(string postcode) =>
        _sectors is not null && postcode.Length > 0 && _sectors.TryGetValue(Sector(postcode), out var place) ? place : null;

    /// <summary>The provider of a URN, or null when the list does not hold it.</summary>
    public Provider? ProviderOf(string urn) => _providers?.GetValueOrDefault(urn);

    /// <summary>
    /// <c>PL_LA</c>, <c>PL_LOCATION</c> and <c>PL_DISTANCE</c> for an episode's postcodes. The distance is the straight line
    /// between the two postcodes' grid references in miles, to one decimal place, as the DfE derives it from postcode centroids.
    /// </summary>
    public DerivedPlacement Derive(string homePost, string plPost)
    {
        var placement = Place(plPost);
        var home = Place(homePost);
        decimal? distance = placement is null || home is null ? null : Miles(home, placement);
        return new DerivedPlacement(placement?.La, placement is null ? null : placement.La == OwnLa ? "IN" : "OUT", distance);
    }

    /// <summary>The straight-line distance between two places in miles, rounded half away from zero to one decimal place.</summary>
    public static decimal Miles(PostcodePlace from, PostcodePlace to)
    {
        double east = to.Easting - from.Easting, north = to.Northing - from.Northing;
        return Math.Round((decimal)(Math.Sqrt(east * east + north * north) / MetresPerMile), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// A postcode in the 903's sector form: upper case, one space, the inward part cut to its first digit (<c>s601ab</c> and
    /// <c>S60 1AB</c> are <c>S60 1</c>).
    /// </summary>
    public static string Sector(string postcode)
    {
        var normal = Kpis.Postcodes.Normalise(postcode);
        // A full postcode's inward part is a digit and two letters; a sector's is the digit alone.
        return normal.Length >= 6 && char.IsAsciiLetter(normal[^1]) && char.IsAsciiLetter(normal[^2]) && normal[^4] == ' ' ? normal[..^2] : normal;
    }

    // A sector given by several full postcodes is placed at their mean grid reference, in the local authority most of them are
    // in (the first in code order on a tie): the 903 records only the sector.
    private static Dictionary<string, PostcodePlace> BySector(IEnumerable<(string Postcode, PostcodePlace Place)> rows) =>
        rows.GroupBy(row => Sector(row.Postcode), StringComparer.Ordinal).ToDictionary(sector => sector.Key, sector =>
        {
            var la = sector.GroupBy(row => row.Place.La, StringComparer.Ordinal).OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            return new PostcodePlace(la, (int)Math.Round(sector.Average(row => row.Place.Easting)), (int)Math.Round(sector.Average(row => row.Place.Northing)));
        }, StringComparer.Ordinal);

    /// <summary>Whether a value is a 903 postcode (full or sector form).</summary>
    public static bool IsPostcode(string text) => CodeLists.IsPostcode(text);
}
