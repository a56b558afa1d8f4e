namespace Licensing.API.Drivers;

/// <summary>A conviction as recorded against a driver.</summary>
/// <param name="Category">The policy's offence category.</param>
/// <param name="ConvictedOn">The day of conviction.</param>
/// <param name="SentenceEndsOn">The day the sentence ends; null when the sentence ended on conviction (a fine, a discharge).</param>
/// <param name="BanEndsOn">The day a driving ban ends; counted only for <see cref="OffenceCategory.DrinkDrugDriving"/>.</param>
public sealed record Conviction(OffenceCategory Category, DateOnly ConvictedOn, DateOnly? SentenceEndsOn = null, DateOnly? BanEndsOn = null);

/// <summary>
/// The council's table of exclusion periods, in whole years, bindable from <c>Licensing:Convictions</c>. The defaults are
/// DOMAIN.md's (Institute of Licensing 2018). A null period means never: the conviction always goes to a hearing.
/// Configuration merges with the defaults key by key, so a council changes one category without restating the table;
/// an empty value (<c>"Licensing:Convictions:ExclusionYears:Violence": ""</c>) makes a category never.
/// </summary>
public sealed class ConvictionPolicyOptions
{
    public const string Section = "Licensing:Convictions";

    public Dictionary<OffenceCategory, int?> ExclusionYears { get; set; } = new()
    {
        [OffenceCategory.CausingDeath] = null,
        [OffenceCategory.Exploitation] = null,
        [OffenceCategory.SexualOffence] = null,
        [OffenceCategory.Violence] = 10,
        [OffenceCategory.DrugsSupply] = 10,
        [OffenceCategory.Dishonesty] = 7,
        [OffenceCategory.Weapons] = 7,
        [OffenceCategory.Discrimination] = 7,
        [OffenceCategory.MajorTraffic] = 7,
        [OffenceCategory.DrinkDrugDriving] = 7,
        [OffenceCategory.TaxiOffence] = 7,
        [OffenceCategory.DrugsPossession] = 5,
        [OffenceCategory.HandHeldPhone] = 5,
        [OffenceCategory.MinorTrafficPoints] = 5,
    };
}

/// <summary>
/// Whether a conviction still counts against a driver. Each offence category has an exclusion period counted from the end of
/// sentence (drink or drug driving: from the later of the sentence end and the ban end); inside it an officer cannot grant and
/// the case goes to a hearing. Crimes resulting in death, exploitation and sexual offences never leave their period.
/// </summary>
public sealed class ConvictionPolicy
{
    private readonly Dictionary<OffenceCategory, int?> _years;

    public ConvictionPolicy(ConvictionPolicyOptions? options = null)
    {
        _years = new Dictionary<OffenceCategory, int?>((options ?? new()).ExclusionYears);
        // A category the table forgets would silently clear every conviction in it: refuse the table instead.
        foreach (var category in Enum.GetValues<OffenceCategory>())
        {
            if (!_years.TryGetValue(category, out var years))
                throw new ArgumentException($"The convictions table has no period for {category}.", nameof(options));
            if (years is <= 0)
                throw new ArgumentException($"The convictions table gives {category} {years} years; a period is at least one year (empty for never).",
                    nameof(options));
        }
    }

    /// <summary>The period for a category in years; null for never.</summary>
    public int? ExclusionYears(OffenceCategory category) => _years[category];

    /// <summary>The day the period starts: the sentence end (the conviction day when there is none); for drink or drug driving the later of that and
    /// the ban end.</summary>
    public static DateOnly CountsFrom(Conviction conviction)
    {
        var sentenceEnds = conviction.SentenceEndsOn ?? conviction.ConvictedOn;
        return conviction is { Category: OffenceCategory.DrinkDrugDriving, BanEndsOn: { } banEnds } && banEnds > sentenceEnds ? banEnds : sentenceEnds;
    }

    /// <summary>
    /// The first day the conviction is outside its period; null when it never is. The period runs from
    /// <see cref="CountsFrom"/> up to and including the day before the anniversary, so on the anniversary itself the
    /// conviction no longer counts: a violence sentence ending 1 June 2012 counts through 31 May 2022 and is clear on
    /// 1 June 2022. A period counted from 29 February clears on 1 March in a common year (never a day early).
    /// </summary>
    public DateOnly? ClearOn(Conviction conviction)
    {
        if (ExclusionYears(conviction.Category) is not { } years) return null;
        var from = CountsFrom(conviction);
        var anniversary = from.AddYears(years);
        return anniversary.Day < from.Day ? anniversary.AddDays(1) : anniversary;
    }

    /// <summary>Whether the conviction is inside its period on <paramref name="on"/>: always for a never category; otherwise before <see
    /// cref="ClearOn"/>.</summary>
    public bool IsInsidePeriod(Conviction conviction, DateOnly on) => ClearOn(conviction) is not { } clear || on < clear;
}
