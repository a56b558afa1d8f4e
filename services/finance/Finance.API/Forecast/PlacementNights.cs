using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Forecast;

/// <summary>
/// A budgeted year's placement nights of one type, kept as running totals so that a children's event moves the year's
/// forecast by the nights of the one child's spells it changed, not by forecasting every spell again. Nights, not pounds:
/// the forecast is the unit cost x nights / 7 of each type, so totals of nights give exactly the figure a full
/// re-forecast gives, and a unit cost changed in configuration needs no re-count.
/// </summary>
public sealed class PlacementNightsRecord
{
    public int Year { get; init; }
    public required string PlacementType { get; init; }
    public long Nights { get; set; }
    public long StovewoodNights { get; set; }
}

/// <summary>A year whose nights are kept in <see cref="PlacementNightsRecord"/>: counted in full once, then moved by each event.</summary>
public sealed class PlacementNightsYear
{
    public int Year { get; init; }
    public DateTimeOffset CountedAt { get; init; }
}

/// <summary>A year's nights by placement type: nights in all, and of them the Stovewood-linked.</summary>
public sealed record NightsByType(IReadOnlyDictionary<string, (long Nights, long Stovewood)> Types)
{
    public static readonly NightsByType None = new(new Dictionary<string, (long, long)>());
}

/// <summary>
/// The arithmetic of the incremental forecast, pure: a year's nights by type from spells (the full count), what one
/// child's change moves them by, and the forecast they give. <see cref="PlacementForecast.For"/> is the same forecast
/// made from every spell; a test proves the two equal on a generated year.
/// </summary>
public static class PlacementNights
{
    /// <summary>The nights of <paramref name="spells"/> in <paramref name="year"/>, by placement type (the full count).</summary>
    public static NightsByType Of(IEnumerable<Spell> spells, FinancialYear year) =>
        new(spells.Select(spell => (Type: spell.PlacementType.ToUpperInvariant(), spell.Stovewood, Nights: (long)PlacementForecast.Nights(spell, year)))
            .Where(x => x.Nights > 0)
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(x => x.Nights), g.Where(x => x.Stovewood).Sum(x => x.Nights)), StringComparer.Ordinal));

    /// <summary>
    /// What a change of one child's spells from <paramref name="before"/> to <paramref name="after"/> moves <paramref name="year"/>'s nights by.
    /// </summary>
    public static NightsByType Change(IEnumerable<Spell> before, IEnumerable<Spell> after, FinancialYear year)
    {
        var (was, now) = (Of(before, year).Types, Of(after, year).Types);
        return new(was.Keys.Union(now.Keys)
            .Select(type => (type, was.GetValueOrDefault(type), now.GetValueOrDefault(type)))
            .Where(x => x.Item2 != x.Item3)
            .ToDictionary(x => x.type, x => (x.Item3.Item1 - x.Item2.Item1, x.Item3.Item2 - x.Item2.Item2), StringComparer.Ordinal));
    }

    /// <summary>The year's forecast excluding Stovewood, computed per type exactly as <see cref="PlacementForecast.For"/> does.</summary>
    public static decimal ForecastExcludingStovewood(NightsByType nights, UnitCosts costs)
    {
        // The same sums in the same order as YearForecast (all types, less the Stovewood share of all types), so the
        // figure is the full re-forecast's to the last of decimal's digits.
        var types = nights.Types.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (Weekly: (costs.Find(t.Key) ?? throw new InvalidOperationException($"No unit cost for placement type {t.Key}")).Weekly, t.Value))
            .ToList();
        return types.Sum(t => t.Weekly * t.Value.Nights / 7m) - types.Sum(t => t.Weekly * t.Value.Stovewood / 7m);
    }

    /// <summary>Adds <paramref name="change"/> to the kept totals, adding a row for a type the year had no nights of.</summary>
    public static IReadOnlyList<PlacementNightsRecord> Apply(List<PlacementNightsRecord> kept, int year, NightsByType change)
    {
        var added = new List<PlacementNightsRecord>();
        foreach (var (type, (nights, stovewood)) in change.Types)
        {
            var row = kept.FirstOrDefault(r => r.Year == year && r.PlacementType == type);
            if (row is null)
            {
                row = new PlacementNightsRecord { Year = year, PlacementType = type };
                kept.Add(row);
                added.Add(row);
            }
            row.Nights += nights;
            row.StovewoodNights += stovewood;
        }
        return added;
    }

    /// <summary>The kept totals of one year, as nights by type.</summary>
    public static NightsByType Of(IEnumerable<PlacementNightsRecord> kept, int year) =>
        new(kept.Where(r => r.Year == year && r.Nights != 0).ToDictionary(r => r.PlacementType, r => (r.Nights, r.StovewoodNights), StringComparer.Ordinal));
}

internal sealed class PlacementNightsConfiguration : IEntityTypeConfiguration<PlacementNightsRecord>
{
    public void Configure(EntityTypeBuilder<PlacementNightsRecord> b)
    {
        b.ToTable("placement_nights");
        b.HasKey(n => new { n.Year, n.PlacementType });
    }
}

internal sealed class PlacementNightsYearConfiguration : IEntityTypeConfiguration<PlacementNightsYear>
{
    public void Configure(EntityTypeBuilder<PlacementNightsYear> b)
    {
        b.ToTable("placement_nights_years");
        b.HasKey(y => y.Year);
    }
}
