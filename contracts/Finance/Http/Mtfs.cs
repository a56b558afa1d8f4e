using System.ComponentModel.DataAnnotations;

namespace Intervention.Contracts.Finance.Http;

/// <summary>
/// What an MTFS assumption is about. Amounts are pounds; <c>CoreIncrease</c>, <c>AscPrecept</c> are percentages;
/// <c>DemandFactor</c> a multiplier.
/// </summary>
public enum AssumptionCategory
{
    /// <summary>The balanced net revenue budget of the year before the strategy's first year (the base it rolls forward from). No year.</summary>
    BaseBudget,
    /// <summary>The band D council tax of the year before the strategy's first year, in pounds. No year.</summary>
    BandD,
    /// <summary>The council tax base of a year, in band D equivalent dwellings.</summary>
    TaxBase,
    /// <summary>The core council tax increase of a year, in percent of the previous year's band D.</summary>
    CoreIncrease,
    /// <summary>The adult social care precept of a year, in percent of the previous year's band D.</summary>
    AscPrecept,
    /// <summary>Retained business rates (with top-up) in a year.</summary>
    BusinessRates,
    /// <summary>Revenue support grant in a year.</summary>
    RevenueSupportGrant,
    /// <summary>A named specific grant in a year (e.g. DfE funding for section 47 investigations).</summary>
    SpecificGrant,
    /// <summary>Pay inflation: the pay bill's growth in a year (recurrent).</summary>
    PayPressure,
    /// <summary>Price inflation in a year (recurrent).</summary>
    PricePressure,
    /// <summary>A named demand pressure in a year (adults' or children's social care growth; recurrent, scaled by <see cref="DemandFactor"/>).</summary>
    DemandPressure,
    /// <summary>Any other named pressure or investment in a year (recurrent).</summary>
    OtherPressure,
    /// <summary>A named savings proposal delivered in a year (recurrent from then on).</summary>
    Savings,
    /// <summary>Reserves the strategy plans to use in a year (one-off: it does not carry into the next year).</summary>
    PlannedReserves,
    /// <summary>
    /// A multiplier on every demand pressure and on demand reported since the version was set (1 = as assumed; 1.1 =
    /// 10% more demand). No year.
    /// </summary>
    DemandFactor,
    /// <summary>The children's placement forecast for a year when the version was set; demand reported after it moves the gap. Set by the service.</summary>
    PlacementForecastBaseline,
}

/// <summary>One assumption of an MTFS version, with where it comes from and when.</summary>
public sealed record MtfsAssumption
{
    /// <summary>What it is about.</summary>
    public AssumptionCategory? Category { get; init; }
    /// <summary>The financial year (<c>2017/18</c> or <c>2017-18</c>); absent for <c>BaseBudget</c>, <c>BandD</c> and <c>DemandFactor</c>.</summary>
    public string? Year { get; init; }
    /// <summary>The line's name, for categories with several lines a year (grants, pressures, savings); e.g. <c>Children's social care demand</c>.</summary>
    public string? Name { get; init; }
    /// <summary>The value: pounds, band D equivalents, a percentage or a multiplier depending on the category.</summary>
    public decimal? Value { get; init; }
    /// <summary>Where the figure comes from (a report, a settlement, "illustrative").</summary>
    public string? Source { get; init; }
    /// <summary>The date of the source (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>True when the figure is not published anywhere but chosen to illustrate (labelled so everywhere it is shown).</summary>
    public bool Illustrative { get; init; }
}

/// <summary>A new MTFS version: its years and every assumption.</summary>
public sealed record CreateMtfsVersionRequest
{
    /// <summary>A stable id, lowercase letters, digits and hyphens, e.g. <c>mtfs-2016-19</c>.</summary>
    public string? Id { get; init; }
    /// <summary>What the version is, e.g. <c>Budget and MTFS approved by Council, 2 March 2016</c>.</summary>
    public string? Name { get; init; }
    /// <summary>The first financial year, e.g. <c>2016/17</c>.</summary>
    public string? FirstYear { get; init; }
    /// <summary>How many years the strategy covers: 3 to 5.</summary>
    public int? Years { get; init; }
    /// <summary>Every assumption: at most 1,000 (each category for each of at most five years, and named lines).</summary>
    [MaxLength(1000)]
    public IReadOnlyList<MtfsAssumption>? Assumptions { get; init; }
    /// <summary>Make it the current strategy (what <c>/api/mtfs/current</c> answers).</summary>
    public bool MakeCurrent { get; init; }
}

/// <summary>A scenario: a copy of a version with some assumptions changed. The parent never changes.</summary>
public sealed record CreateScenarioRequest
{
    /// <summary>The scenario's id, e.g. <c>mtfs-2016-19-demand-plus-10</c>.</summary>
    public string? Id { get; init; }
    /// <summary>What the scenario tests, e.g. <c>10% more demand</c>.</summary>
    public string? Name { get; init; }
    /// <summary>Assumptions that replace the parent's (same category, year and name) or are added: at most 1,000.</summary>
    [MaxLength(1000)]
    public IReadOnlyList<MtfsAssumption>? Changes { get; init; }
}

/// <summary>An MTFS version or scenario and its assumptions.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">What it is.</param>
/// <param name="ParentId">The version it was copied from, for a scenario.</param>
/// <param name="Years">Its financial years, in order (<c>2016-17</c>, ...).</param>
/// <param name="IsCurrent">Whether it is the current strategy.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="ApprovedAt">When its budget was approved, if it was.</param>
/// <param name="Assumptions">Every assumption with its source and date.</param>
public sealed record MtfsVersionDetail(string Id, string Name, string? ParentId, IReadOnlyList<string> Years, bool IsCurrent,
    DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, IReadOnlyList<MtfsAssumption> Assumptions);

/// <summary>One year of an MTFS's gap, every figure computed from the version's assumptions (pounds; rounded to the penny for display only).</summary>
/// <param name="Year">The financial year, e.g. <c>2017-18</c>.</param>
/// <param name="BandD">The band D council tax the assumptions give.</param>
/// <param name="CouncilTax">Tax base x band D.</param>
/// <param name="Funding">Council tax, business rates, revenue support grant and specific grants.</param>
/// <param name="Spending">The base budget rolled forward with every pressure to this year, before savings.</param>
/// <param name="Gap">The shortfall arising in this year, before savings and planned reserves.</param>
/// <param name="CumulativeGap">The shortfall of this year's spending over its funding: the gaps of the years so far added up.</param>
/// <param name="Savings">Savings delivered up to this year (recurrent).</param>
/// <param name="PlannedReserves">Reserves planned for this year (one-off).</param>
/// <param name="RemainingGap">What is left of the cumulative gap after savings and this year's planned reserves; zero for a balanced budget.</param>
/// <param name="DemandSinceSetting">The children's placement forecast for the year now minus when the version was set
/// (excluding Stovewood, x the demand factor): the demand the children's service has reported since.</param>
/// <param name="CumulativeGapWithDemand">The cumulative gap plus the demand since setting.</param>
/// <param name="RemainingGapWithDemand">The remaining gap plus the demand since setting.</param>
/// <param name="ReferendumLimitBreaches">Each council tax increase over that year's referendum limit, in words; empty when none.</param>
public sealed record MtfsGapYear(string Year, decimal BandD, decimal CouncilTax, decimal Funding, decimal Spending,
    decimal Gap, decimal CumulativeGap, decimal Savings, decimal PlannedReserves, decimal RemainingGap,
    decimal DemandSinceSetting, decimal CumulativeGapWithDemand, decimal RemainingGapWithDemand, IReadOnlyList<string> ReferendumLimitBreaches);

/// <summary>An MTFS version's gap, year by year.</summary>
/// <param name="Version">The version's id.</param>
/// <param name="Name">What it is.</param>
/// <param name="ParentId">The version a scenario was copied from.</param>
/// <param name="Illustrative">True when any assumption is illustrative (not a published figure).</param>
/// <param name="Years">Each year's figures.</param>
public sealed record MtfsGap(string Version, string Name, string? ParentId, bool Illustrative, IReadOnlyList<MtfsGapYear> Years);

/// <summary>Versions and scenarios side by side.</summary>
/// <param name="Versions">Each version's gap, in the order asked.</param>
/// <param name="Differences">For each version after the first, its cumulative gap per year minus the first's.</param>
public sealed record MtfsComparison(IReadOnlyList<MtfsGap> Versions, IReadOnlyList<MtfsDifference> Differences);

/// <summary>How far a version's cumulative gap is from the first version compared.</summary>
/// <param name="Version">The version.</param>
/// <param name="Against">The first version compared.</param>
/// <param name="CumulativeGapDifference">Per year: this version's cumulative gap minus the other's.</param>
public sealed record MtfsDifference(string Version, string Against, IReadOnlyDictionary<string, decimal> CumulativeGapDifference);

/// <summary>Full council's approval of the budget for a version's first year.</summary>
public sealed record ApproveBudgetRequest
{
    /// <summary>When the council decided (ISO 8601 with offset).</summary>
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>Who decided, e.g. <c>Full Council</c>.</summary>
    public string? DeciderName { get; init; }
    /// <summary>The meeting, e.g. <c>Council, 8 March 2017</c>.</summary>
    public string? Meeting { get; init; }
}
