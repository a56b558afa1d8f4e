using Intervention.Contracts;

namespace Children.API.Returns903;

/// <summary>
/// A 903 collection year: the council's financial year (1 April to 31 March, <see cref="FinancialYear"/>, read one way
/// across the services), stored as <c>2017/18</c> and written <c>2017-18</c> in paths.
/// </summary>
public sealed record CollectionYear(int StartYear)
{
    /// <summary>The financial year the collection covers.</summary>
    public FinancialYear FinancialYear => new(StartYear);

    public DateOnly Start => FinancialYear.Start;
    public DateOnly End => FinancialYear.End;

    /// <summary>The stored form, <c>2017/18</c>.</summary>
    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:00}";

    /// <summary>The path form, <c>2017-18</c>.</summary>
    public string PathForm => FinancialYear.ToString();

    /// <summary>The collection year before this one, whose return the rules over last year's tables read.</summary>
    public CollectionYear Previous => new(StartYear - 1);

    /// <summary>SEX was coded 1/2 up to 2023/24 and M/F/U after.</summary>
    public bool SexCodedAsLetters => StartYear >= 2024;

    public const string Rule = "must be a collection year such as 2017/18 or 2017-18 (the second year follows the first)";

    /// <summary>Reads <c>2017/18</c> or <c>2017-18</c> as <see cref="Intervention.Contracts.FinancialYear.TryParse"/> does.</summary>
    public static bool TryParse(string? text, out CollectionYear year)
    {
        year = null!;
        if (!Intervention.Contracts.FinancialYear.TryParse(text, out var financialYear)) return false;
        year = new CollectionYear(financialYear.StartYear);
        return true;
    }

    /// <summary>The collection year a day falls in.</summary>
    public static CollectionYear Of(DateOnly day) => new(Intervention.Contracts.FinancialYear.Of(day).StartYear);
}
