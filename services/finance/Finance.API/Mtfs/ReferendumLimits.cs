namespace Finance.API.Mtfs;

/// <summary>One year's council tax referendum principles, in percent of the previous year's band D.</summary>
/// <param name="CoreExcessiveAt">A core increase of this much or more is excessive (needs a referendum): 2 means at most 1.99...%.</param>
/// <param name="AscPreceptMax">The adult social care precept may be at most this much (0 where none is allowed).</param>
public sealed record YearLimits(decimal CoreExcessiveAt, decimal AscPreceptMax);

/// <summary>A cap on the adult social care precept over several years (6% over 2017/18 to 2019/20).</summary>
public sealed record AscPeriodCap(int FromStartYear, int ToStartYear, decimal Max);

/// <summary>
/// The referendum limits on council tax increases (Local Government Finance Act 1992, Part 1 Chapter 4ZA, and each
/// year's principles), a configured table (section <c>Mtfs:ReferendumLimits</c>) with the published principles as defaults.
/// </summary>
public sealed class ReferendumLimits
{
    public const string Section = "Mtfs:ReferendumLimits";

    public Dictionary<int, YearLimits> Years { get; init; } = new()
    {
        [2015] = new(2m, 0m),
        [2016] = new(2m, 2m),
        [2017] = new(2m, 3m),
        [2018] = new(3m, 3m),
        [2019] = new(3m, 3m),
        [2020] = new(2m, 2m),
    };

    public List<AscPeriodCap> AscPeriods { get; init; } = [new(2017, 2019, 6m)];

    /// <summary>
    /// Every way a year's increases break the limits, in words; empty when they are within them.
    /// <paramref name="ascOf"/> gives the precept of the other years of a multi-year cap (null when unknown: counted as 0).
    /// </summary>
    public IReadOnlyList<string> Check(FinancialYear year, decimal coreIncrease, decimal ascPrecept, Func<FinancialYear, decimal?> ascOf)
    {
        if (!Years.TryGetValue(year.StartYear, out var limits))
            return [$"{year}: no referendum limits are configured for this year, so its increase cannot be checked"];
        var breaches = new List<string>();
        if (coreIncrease >= limits.CoreExcessiveAt)
            breaches.Add($"{year}: a core increase of {coreIncrease}% is excessive (the limit is below {limits.CoreExcessiveAt}%): it needs a referendum");
        if (ascPrecept > limits.AscPreceptMax)
            breaches.Add($"{year}: an adult social care precept of {ascPrecept}% is over the {limits.AscPreceptMax}% allowed");
        if (ascPrecept < 0)
            breaches.Add($"{year}: an adult social care precept cannot be negative ({ascPrecept}%)");
        foreach (var cap in AscPeriods.Where(c => c.FromStartYear <= year.StartYear && year.StartYear <= c.ToStartYear))
        {
            var total = Enumerable.Range(cap.FromStartYear, cap.ToStartYear - cap.FromStartYear + 1)
                .Sum(y => y == year.StartYear ? ascPrecept : ascOf(new FinancialYear(y)) ?? 0m);
            if (total > cap.Max)
                breaches.Add($"{year}: adult social care precepts of {total}% over {new FinancialYear(cap.FromStartYear)} to " +
                    $"{new FinancialYear(cap.ToStartYear)} are over the {cap.Max}% allowed");
        }
        return breaches;
    }
}
