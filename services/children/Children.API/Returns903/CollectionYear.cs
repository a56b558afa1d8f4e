using System.Text.RegularExpressions;

namespace Children.API.Returns903;

/// <summary>A 903 collection year: 1 April to 31 March, written <c>2017/18</c> (bodies) or <c>2017-18</c> (paths).</summary>
public sealed partial record CollectionYear(int StartYear)
{
    public DateOnly Start => new(StartYear, 4, 1);
    public DateOnly End => new(StartYear + 1, 3, 31);

    /// <summary>The stored form, <c>2017/18</c>.</summary>
    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:00}";

    /// <summary>The path form, <c>2017-18</c>.</summary>
    public string PathForm => $"{StartYear}-{(StartYear + 1) % 100:00}";

    /// <summary>SEX was coded 1/2 up to 2023/24 and M/F/U after.</summary>
    public bool SexCodedAsLetters => StartYear >= 2024;

    public const string Rule = "must be a collection year such as 2017/18 or 2017-18 (the second year follows the first)";

    public static bool TryParse(string? text, out CollectionYear year)
    {
        year = null!;
        if (text is null || Shape().Match(text.Trim()) is not { Success: true } m) return false;
        var start = int.Parse(m.Groups[1].Value);
        if (start < 1991 || start > 2100 || int.Parse(m.Groups[2].Value) != (start + 1) % 100) return false;
        year = new CollectionYear(start);
        return true;
    }

    /// <summary>The collection year a day falls in.</summary>
    public static CollectionYear Of(DateOnly day) => new(day.Month >= 4 ? day.Year : day.Year - 1);

    [GeneratedRegex(@"^(\d{4})[/-](\d{2})$")]
    private static partial Regex Shape();
}
