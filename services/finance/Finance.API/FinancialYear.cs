using System.Globalization;
using System.Text.RegularExpressions;

namespace Finance.API;

/// <summary>
/// An English local authority's financial year, 1 April to 31 March, written <c>2017-18</c> (paths and answers)
/// and read as <c>2017-18</c> or <c>2017/18</c>.
/// </summary>
public readonly partial record struct FinancialYear(int StartYear) : IComparable<FinancialYear>
{
    public const string Rule = "must be a financial year such as 2017/18 or 2017-18";

    [GeneratedRegex(@"^(?<start>\d{4})[-/](?<end>\d{2})$")]
    private static partial Regex Pattern();

    public DateOnly Start => new(StartYear, 4, 1);
    public DateOnly End => new(StartYear + 1, 3, 31);
    /// <summary>The day after the year ends: placements still open are counted up to here.</summary>
    public DateOnly EndExclusive => new(StartYear + 1, 4, 1);
    public FinancialYear Next => new(StartYear + 1);
    public FinancialYear Previous() => new(StartYear - 1);

    public static FinancialYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public static bool TryParse(string? text, out FinancialYear year)
    {
        year = default;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } m) return false;
        var start = int.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
        if ((start + 1) % 100 != end || start < 1990 || start > 2100) return false;
        year = new FinancialYear(start);
        return true;
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);
    public static bool operator <(FinancialYear a, FinancialYear b) => a.StartYear < b.StartYear;
    public static bool operator >(FinancialYear a, FinancialYear b) => a.StartYear > b.StartYear;
    public static bool operator <=(FinancialYear a, FinancialYear b) => a.StartYear <= b.StartYear;
    public static bool operator >=(FinancialYear a, FinancialYear b) => a.StartYear >= b.StartYear;

    public override string ToString() => $"{StartYear}-{(StartYear + 1) % 100:D2}";
}
