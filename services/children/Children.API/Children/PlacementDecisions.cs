using Children.API.Returns903;

namespace Children.API.Children;

/// <summary>
/// Which new episodes are news for other services, and which placements are decisions that governance's register
/// must hold. Pure: episodes in, verdicts out.
/// </summary>
public sealed class PlacementDecisions(IReadOnlyCollection<string> homeDistricts)
{
    /// <summary>The council function these decisions are taken under.</summary>
    public const string Function = "childrens-social-care";

    /// <summary>Rotherham's postcode districts: a placement elsewhere is out of authority. Configuration <c>Children:HomeDistricts</c>.</summary>
    public static readonly string[] RotherhamDistricts = ["S25", "S26", "S60", "S61", "S62", "S63", "S64", "S65", "S66", "S81"];

    /// <summary>Residential placement types: secure unit, children's home, residential care home, residential school.</summary>
    public static readonly HashSet<string> Residential = ["K1", "K2", "R1", "S1"];

    /// <summary>
    /// A residential placement whose postcode lies outside the council's districts is an out-of-authority residential
    /// placement: a decision taken under the children's social care function. Without a postcode it cannot be known.
    /// </summary>
    public bool IsOutOfAuthorityResidential(string placementType, string? placementPostcode) =>
        Residential.Contains(placementType) && District(placementPostcode) is { } district
                                            && !homeDistricts.Contains(district, StringComparer.OrdinalIgnoreCase);

    /// <summary>The outward code of a postcode ("S60 2TH" -> "S60"), or null.</summary>
    public static string? District(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode) || !CodeLists.IsPostcode(postcode)) return null;
        var p = postcode.Trim().ToUpperInvariant();
        var space = p.IndexOf(' ');
        return space > 0 ? p[..space] : p[..^(p.Length >= 6 ? 3 : 1)];
    }

    /// <summary>Whether a continuation episode moved the child (a new placement, not only a new legal status).</summary>
    public static bool IsPlacementChange(string reasonForNewEpisode) => reasonForNewEpisode is "P" or "B" or "T" or "U";

    /// <summary>The weekly cost band in £500 steps, e.g. 3,650 -> <c>3500-3999</c>.</summary>
    public static string? CostBand(decimal? weeklyCost)
    {
        if (weeklyCost is not { } cost) return null;
        var low = (long)(Math.Floor(cost / 500m) * 500m);
        return $"{low}-{low + 499}";
    }
}
