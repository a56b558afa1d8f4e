using System.Globalization;
using System.Text.RegularExpressions;

namespace Intervention.Contracts;

/// <summary>
/// An English local authority's financial year, 1 April to 31 March, written <c>2017-18</c> (paths and answers)
/// and read as <c>2017-18</c> or <c>2017/18</c>. The one type for it: finance's budgets and MTFS, governance's corporate
/// plan quarters and Commissioner days read it alike, between 1990-91 and 2100-01.
/// </summary>
/// <param name="StartYear">The calendar year of its 1 April.</param>
public readonly partial record struct FinancialYear(int StartYear) : IComparable<FinancialYear>
{
    /// <summary>The rule a caller breaks with anything else, as problem details name it.</summary>
    public const string Rule = "must be a financial year such as 2017-18 (or 2017/18)";

    /// <summary>The earliest year read: the council's records start well after it.</summary>
    public const int FirstStartYear = 1990;

    /// <summary>The latest year read.</summary>
    public const int LastStartYear = 2100;

    [GeneratedRegex(@"^(?<start>\d{4})[-/](?<end>\d{2})$")]
    private static partial Regex Pattern();

    /// <summary>1 April of <see cref="StartYear"/>.</summary>
    public DateOnly Start => new(StartYear, 4, 1);

    /// <summary>31 March of the next calendar year.</summary>
    public DateOnly End => new(StartYear + 1, 3, 31);

    /// <summary>The day after the year ends: placements still open are counted up to here.</summary>
    public DateOnly EndExclusive => new(StartYear + 1, 4, 1);

    /// <summary>The year after this one.</summary>
    public FinancialYear Next => new(StartYear + 1);

    /// <summary>The year before this one.</summary>
    public FinancialYear Previous() => new(StartYear - 1);

    /// <summary>The financial year <paramref name="date"/> falls in.</summary>
    public static FinancialYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>Reads <c>2017-18</c> or <c>2017/18</c> (surrounding spaces ignored); false for anything else or a year out of bounds.</summary>
    public static bool TryParse(string? text, out FinancialYear year)
    {
        year = default;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } match) return false;
        var start = int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups["end"].Value, CultureInfo.InvariantCulture);
        if ((start + 1) % 100 != end || start < FirstStartYear || start > LastStartYear) return false;
        year = new FinancialYear(start);
        return true;
    }

    /// <summary>Whether <paramref name="date"/> falls between 1 April and 31 March of this year.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <inheritdoc />
    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(FinancialYear left, FinancialYear right) => left.StartYear < right.StartYear;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(FinancialYear left, FinancialYear right) => left.StartYear > right.StartYear;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or comes before it.</summary>
    public static bool operator <=(FinancialYear left, FinancialYear right) => left.StartYear <= right.StartYear;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or comes after it.</summary>
    public static bool operator >=(FinancialYear left, FinancialYear right) => left.StartYear >= right.StartYear;

    /// <summary>The year as paths and answers write it: <c>2017-18</c>.</summary>
    public override string ToString() => $"{StartYear}-{(StartYear + 1) % 100:D2}";
}
