using System.Text.RegularExpressions;
using Children.API.Returns903;

namespace Children.API.ReferenceData;

/// <summary>
/// Reads an uploaded reference file (a postcode lookup or a provider list) and checks every row: the rows, or every row that
/// breaks a rule named by row, field and rule (<c>rows[3].EASTING</c>: the 0-based data row, as 903 findings count). A file
/// with any such row is refused whole: no row is dropped or changed. Pure: the CSV in, answers out.
/// </summary>
public static partial class ReferenceFiles
{
    public const string Postcodes = "postcodes", Providers = "providers";

    /// <summary>The columns of a postcode lookup file, in any order; others are refused.</summary>
    public static readonly string[] PostcodeColumns = ["POSTCODE", "LA", "EASTING", "NORTHING"];

    /// <summary>The columns of a provider list file, in any order; others are refused.</summary>
    public static readonly string[] ProviderColumns = ["URN", "LA", "POSTCODE", "REGISTERED", "CEASED", "PLACE_CODES", "PROVIDER_CODES"];

    /// <summary>The most broken rules one answer lists; a count of the rest follows, so nothing is hidden.</summary>
    public const int MostProblemsListed = 200;

    // British National Grid: eastings 0 to 700 km, northings 0 to 1,300 km.
    private const int MaxEasting = 700_000, MaxNorthing = 1_300_000;

    /// <summary>The rows of a postcode lookup, or the rules its rows break (field: rules).</summary>
    public static (List<(string Postcode, PostcodePlace Place)>? Rows, Dictionary<string, string[]>? Problems) ReadPostcodes(CsvFile csv)
    {
        var problems = new Problems();
        var rows = new List<(string, PostcodePlace)>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Columns(csv, PostcodeColumns, problems) is not { } at) return (null, problems.ToDictionary());
        Each(csv, at, problems, (row, cell) =>
        {
            var postcode = Postcode(row, cell("POSTCODE"), "POSTCODE", problems);
            var la = La(row, cell("LA"), problems);
            var easting = Metres(row, cell("EASTING"), "EASTING", MaxEasting, problems);
            var northing = Metres(row, cell("NORTHING"), "NORTHING", MaxNorthing, problems);
            // A postcode twice would give the lookup two answers for it: refused rather than one kept.
            if (postcode is not null && !firstRowOf.TryAdd(postcode, row))
                problems.Add(row, "POSTCODE", $"{postcode} is already given at row {firstRowOf[postcode]}: a postcode appears once in a lookup");
            if (postcode is not null && la is not null && easting is { } e && northing is { } n) rows.Add((postcode, new PostcodePlace(la, e, n)));
        });
        return problems.Any ? (null, problems.ToDictionary()) : (rows, null);
    }

    /// <summary>The rows of a provider list, or the rules its rows break (field: rules).</summary>
    public static (List<Provider>? Rows, Dictionary<string, string[]>? Problems) ReadProviders(CsvFile csv)
    {
        var problems = new Problems();
        var rows = new List<Provider>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Columns(csv, ProviderColumns, problems) is not { } at) return (null, problems.ToDictionary());
        Each(csv, at, problems, (row, cell) =>
        {
            var urn = cell("URN");
            if (!UrnShape().IsMatch(urn))
                problems.Add(row, "URN", "must be an Ofsted URN: 6 to 8 letters and digits (SC123456), not XXXXXXX, which records that there is none");
            else if (!firstRowOf.TryAdd(urn, row)) problems.Add(row, "URN", $"{urn} is already given at row {firstRowOf[urn]}: a URN appears once in a list");
            var la = La(row, cell("LA"), problems);
            var postcode = Postcode(row, cell("POSTCODE"), "POSTCODE", problems);
            var registered = CodeLists.Date(cell("REGISTERED"));
            if (registered is null) problems.Add(row, "REGISTERED", "must be the day the provider was registered, DD/MM/YYYY");
            DateOnly? ceased = null;
            if (cell("CEASED").Length > 0)
            {
                ceased = CodeLists.Date(cell("CEASED"));
                if (ceased is null) problems.Add(row, "CEASED", "must be blank while the provider is open, or the day it ceased, DD/MM/YYYY");
                else if (registered is { } began && ceased < began) problems.Add(row, "CEASED", "must not be before REGISTERED");
            }
            var places = Codes(row, cell("PLACE_CODES"), "PLACE_CODES", CodeLists.Placement, "903 placement codes (K2, R1, U4 ...)", problems);
            var providers = Codes(row, cell("PROVIDER_CODES"), "PROVIDER_CODES", CodeLists.Provider, "903 provider codes (PR0 to PR5)", problems);
            if (problems.Any) return;
            rows.Add(new Provider(urn, la!, postcode!, registered!.Value, ceased, places!, providers!));
        });
        return problems.Any ? (null, problems.ToDictionary()) : (rows, null);
    }

    private static Dictionary<string, int>? Columns(CsvFile csv, string[] expected, Problems problems)
    {
        var header = csv.Next();
        if (header is null)
        {
            problems.Add("file", $"is empty: the first row names the columns {string.Join(",", expected)}");
            return null;
        }
        var at = Returns903.OtherRow.ColumnIndex(header);
        var missing = expected.Where(column => !at.ContainsKey(column)).ToList();
        var unknown = at.Keys.Where(column => !expected.Contains(column)).ToList();
        if (missing.Count > 0) problems.Add("file", $"lacks the columns {string.Join(", ", missing)} (expected {string.Join(",", expected)})");
        if (unknown.Count > 0) problems.Add("file", $"has columns no rule reads: {string.Join(", ", unknown)} (expected {string.Join(",", expected)})");
        if (at.Count != header.Length) problems.Add("file", "names a column twice");
        return problems.Any ? null : at;
    }

    private static void Each(CsvFile csv, Dictionary<string, int> at, Problems problems, Action<int, Func<string, string>> read)
    {
        var row = 0;
        while (csv.Next() is { } record)
        {
            if (record.Length == 1 && record[0].Length == 0) continue; // a blank line
            if (record.Length != at.Count) problems.Add(row, "*", $"has {record.Length} fields where the header row has {at.Count} (line {csv.Line})");
            else read(row, column => record[at[column]].Trim());
            row++;
        }
        if (row == 0) problems.Add("file", "has no data rows: a version of reference data lists at least one");
    }

    private static string? Postcode(int row, string value, string field, Problems problems)
    {
        if (CodeLists.IsPostcode(value)) return value.ToUpperInvariant();
        problems.Add(row, field, "must be a postcode, in full (S60 2TH) or as the 903 writes it (S60 2)");
        return null;
    }

    private static string? La(int row, string value, Problems problems)
    {
        if (LaShape().IsMatch(value)) return value;
        problems.Add(row, "LA", "must be a local authority's code: 3 to 9 capital letters and digits (E08000018, or 372)");
        return null;
    }

    private static int? Metres(int row, string value, string field, int most, Problems problems)
    {
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var metres) && metres <= most)
            return metres;
        problems.Add(row, field, $"must be a whole number of metres on the British National Grid, 0 to {most}");
        return null;
    }

    private static HashSet<string>? Codes(int row, string value, string field, HashSet<string> allowed, string what, Problems problems)
    {
        var codes = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = codes.Where(code => !allowed.Contains(code)).ToList();
        if (codes.Count > 0 && unknown.Count == 0) return codes;
        problems.Add(row, field,
            codes.Count == 0 ? $"must list one or more {what}, separated by spaces" : $"{string.Join(", ", unknown)} not among the {what}");
        return null;
    }

    [GeneratedRegex("^(?!X{7}$)[A-Z0-9]{6,8}$")]
    private static partial Regex UrnShape();

    [GeneratedRegex("^[A-Z0-9]{3,9}$")]
    private static partial Regex LaShape();

    /// <summary>The rules broken, by field; past <see cref="MostProblemsListed"/>, counted under <c>file</c>.</summary>
    private sealed class Problems
    {
        private readonly Dictionary<string, List<string>> _byField = [];
        private int _listed, _more;

        public bool Any => _listed > 0;

        public void Add(int row, string field, string rule) => Add($"rows[{row}].{field}", rule);

        public void Add(string field, string rule)
        {
            if (_listed >= MostProblemsListed && field != "file")
            {
                _more++;
                return;
            }
            _listed++;
            if (!_byField.TryGetValue(field, out var rules)) _byField[field] = rules = [];
            rules.Add(rule);
        }

        public Dictionary<string, string[]> ToDictionary()
        {
            var answer = _byField.ToDictionary(field => field.Key, field => field.Value.ToArray());
            if (_more > 0) answer["file"] = [.. answer.GetValueOrDefault("file", []), $"and {_more} more broken rules past the first {MostProblemsListed}"];
            return answer;
        }
    }
}
