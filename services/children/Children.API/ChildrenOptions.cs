using Children.API.Children;
using Children.API.Kpis;

namespace Children.API;

/// <summary>The children's service's policy settings (configuration section <c>Children</c>), with the defaults of DOMAIN.md.</summary>
public sealed class ChildrenOptions
{
    public const string Section = "Children";

    /// <summary>
    /// The council's postcode districts (<c>Children:HomeDistricts</c>): a placement elsewhere is out of authority. Empty means
    /// Rotherham's (<see cref="PlacementDecisions.RotherhamDistricts"/>); a default here would be added to, not replaced, by a bound list.
    /// </summary>
    public string[] HomeDistricts { get; set; } = [];

    /// <summary>
    /// The council's local authority code as the postcode lookup writes codes (<c>Children:LocalAuthority</c>; Rotherham's ONS code
    /// by default): a placement whose postcode is in another authority is OUT of it (the 903's derived <c>PL_LOCATION</c>).
    /// </summary>
    public string LocalAuthority { get; set; } = "E08000018";

    /// <summary>The KPIs' policy numbers (<c>Children:Kpis</c>).</summary>
    public KpiPolicy Kpis { get; set; } = new();

    /// <summary>The key of the pseudonymous references (<c>Children:ReferenceKey</c>, base64); without it, a random key kept in the database.</summary>
    public string? ReferenceKey { get; set; }

    /// <summary>The districts in force: the configured ones, or Rotherham's.</summary>
    public IReadOnlyCollection<string> Districts => HomeDistricts is { Length: > 0 } ? HomeDistricts : PlacementDecisions.RotherhamDistricts;

    /// <summary>Whether the reference key, when configured, is base64 (checked at start: a bad key would fail the first child recorded).</summary>
    public bool HasReadableReferenceKey => ReferenceKey is not { Length: > 0 } key || Convert.TryFromBase64String(key, new byte[key.Length], out _);
}
