namespace Intervention.Contracts.Finance.Http;

/// <summary>A year's totals from the ledger and the reserves at its end, which the resilience indicators are computed from.</summary>
public sealed record LedgerYearRequest
{
    /// <summary>Net revenue expenditure, in pounds.</summary>
    public decimal? NetRevenueExpenditure { get; init; }
    /// <summary>Usable reserves at 31 March (general fund and earmarked), in pounds.</summary>
    public decimal? UsableReserves { get; init; }
    /// <summary>Spending on adults' and children's social care, in pounds.</summary>
    public decimal? SocialCareSpend { get; init; }
    /// <summary>Council tax income, in pounds.</summary>
    public decimal? CouncilTaxIncome { get; init; }
    /// <summary>Income from fees and charges, in pounds.</summary>
    public decimal? FeesAndChargesIncome { get; init; }
    /// <summary>Total service expenditure, in pounds (the denominator of the fees and charges ratio).</summary>
    public decimal? TotalServiceExpenditure { get; init; }
    /// <summary>Where the figures come from (the statement of accounts, a return, "illustrative").</summary>
    public string? Source { get; init; }
}

/// <summary>One CIPFA-style indicator with what it is computed from.</summary>
/// <param name="Name">The indicator, e.g. <c>reserves-sustainability</c>.</param>
/// <param name="Numerator">Its numerator, in pounds.</param>
/// <param name="Denominator">Its denominator, in pounds.</param>
/// <param name="Value">Numerator / denominator (years for sustainability, percent for the ratios), or null when it cannot be computed.</param>
/// <param name="Unit"><c>years</c> or <c>percent</c>.</param>
/// <param name="Note">Why there is no value, or how to read it.</param>
public sealed record ResilienceIndicator(string Name, decimal? Numerator, decimal? Denominator, decimal? Value, string Unit, string? Note);

/// <summary>A year's financial resilience indicators.</summary>
/// <param name="Year">The financial year.</param>
/// <param name="Indicators">Each indicator.</param>
public sealed record ResilienceReport(string Year, IReadOnlyList<ResilienceIndicator> Indicators);

/// <summary>Whether forecast spending exceeds resources plus usable reserves (the section 114 test).</summary>
/// <param name="Year">The financial year.</param>
/// <param name="ForecastSpending">Every cost centre's forecast outturn plus savings at risk, from monitoring.</param>
/// <param name="Resources">The year's funding in the current MTFS, when it covers the year.</param>
/// <param name="UsableReserves">Usable reserves at the start of the year (the ledger's previous year end).</param>
/// <param name="Headroom">Resources + usable reserves - forecast spending; negative is a section 114 risk.</param>
/// <param name="AtRisk">Whether forecast spending exceeds resources plus usable reserves.</param>
/// <param name="RaisedAt">When <c>Section114RiskRaised</c> was published for the year, if it was.</param>
/// <param name="Notices">Section 114 notices logged for the year.</param>
/// <param name="Note">What is missing when the test cannot be made.</param>
public sealed record Section114Assessment(string Year, decimal ForecastSpending, decimal? Resources, decimal? UsableReserves, decimal? Headroom, bool AtRisk,
    DateTimeOffset? RaisedAt, IReadOnlyList<Section114Notice> Notices, string? Note);

/// <summary>A section 114 notice issued by the chief finance officer.</summary>
public sealed record Section114NoticeRequest
{
    /// <summary>The day it was issued.</summary>
    public DateOnly? IssuedOn { get; init; }
    /// <summary>Who issued it (the chief finance officer, by name or post).</summary>
    public string? IssuedBy { get; init; }
}

/// <summary>A logged section 114 notice and the day by which full council must meet to consider it (21 days, s.115).</summary>
/// <param name="Id">The notice's id.</param>
/// <param name="Year">The financial year it concerns.</param>
/// <param name="IssuedOn">When it was issued.</param>
/// <param name="IssuedBy">Who issued it.</param>
/// <param name="FullCouncilBy">The last day for the full council meeting: 21 days after issue.</param>
public sealed record Section114Notice(Guid Id, string Year, DateOnly IssuedOn, string IssuedBy, DateOnly FullCouncilBy);
