namespace Children.API.Kpis;

/// <summary>Postcode centroids: lookup by full postcode or by the 903's sector form, and the distance between two.</summary>
public static class Postcodes
{
    /// <summary>Upper case with one space before the inward part ("s602th" -> "S60 2TH", "S60 2" stays).</summary>
    public static string Normalise(string postcode)
    {
        var p = new string(postcode.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (p.Length >= 5 && char.IsAsciiLetter(p[^1]) && char.IsAsciiLetter(p[^2])) return p[..^3] + " " + p[^3..];
        return p.Length >= 3 ? p[..^1] + " " + p[^1..] : p;
    }

    /// <summary>The centroid of a postcode: the postcode itself, else its sector; null when the table has neither.</summary>
    public static (double Latitude, double Longitude)? Find(IReadOnlyDictionary<string, (double Latitude, double Longitude)> table, string postcode)
    {
        var p = Normalise(postcode);
        if (table.TryGetValue(p, out var exact)) return exact;
        if (p.Length >= 7 && char.IsAsciiLetter(p[^1]) && table.TryGetValue(p[..^2], out var sector)) return sector;
        return null;
    }

    /// <summary>Great-circle distance in miles (haversine, mean Earth radius 3,958.8 miles).</summary>
    public static double Miles((double Latitude, double Longitude) a, (double Latitude, double Longitude) b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * 3958.8 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
