namespace Intervention.ServiceDefaults.Tests.Rules;

using Intervention.Contracts.Governance;
using Intervention.Directions;
// Inside Intervention.ServiceDefaults, "Authority" would otherwise be the namespace.
using Authority = Intervention.Contracts.Governance.Authority;

/// <summary>Who holds a function at an instant, read from Rotherham's Directions as a service's copy holds them.</summary>
public class DirectionsInForceTests
{
    private static readonly TimeSpan Utc = TimeSpan.Zero;

    // 26 Feb 2015: every function to the Commissioners.
    private static readonly Guid February2015 = Guid.Parse("20150226-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset February2015Effective = new(2015, 2, 26, 0, 0, 0, Utc);

    // February 2016: the first tranche returned to the Cabinet (the day is illustrative). Licensing is not named.
    private static readonly Guid February2016 = Guid.Parse("20160210-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset February2016Effective = new(2016, 2, 10, 0, 0, 0, Utc);
    private static readonly string[] FirstTranche =
    [
        "education-and-schools", "public-health", "leisure-and-green-spaces", "customer-and-cultural-services",
        "housing", "planning-and-transportation", "neighbourhoods-and-area-assemblies", "regulation-and-enforcement",
        "financial-services", "sheffield-city-region-policy",
    ];

    // December 2016: licensing returned to the Council (Licensing Board) with Commissioner advice, recorded
    // late: at 18:00 on 20 Dec, applying from the previous midnight.
    private static readonly Guid December2016 = Guid.Parse("20161220-0000-0000-0000-000000000003");
    private static readonly DateTimeOffset December2016Effective = new(2016, 12, 20, 0, 0, 0, Utc);
    private static readonly DateTimeOffset December2016Recorded = new(2016, 12, 20, 18, 0, 0, Utc);

    private static AuthorityAssignment Assignment(Guid directions, string function, Authority authority, Oversight oversight,
        DateTimeOffset effectiveFrom, DateTimeOffset recordedAt) => new()
    {
        DirectionsId = directions,
        Function = function,
        Authority = authority,
        Oversight = oversight,
        EffectiveFrom = effectiveFrom,
        RecordedAt = recordedAt,
    };

    private static readonly IReadOnlyList<AuthorityAssignment> Rotherham =
    [
        .. CouncilFunctions.All.Select(f => Assignment(February2015, f.Code, Authority.Commissioners, Oversight.None,
            February2015Effective, February2015Effective.AddHours(9))),
        .. FirstTranche.Select(code => Assignment(February2016, code, Authority.Cabinet, Oversight.None,
            February2016Effective, February2016Effective.AddHours(9))),
        Assignment(December2016, "licensing", Authority.Council, Oversight.Advice, December2016Effective, December2016Recorded),
    ];

    [Fact]
    public void Licensing_held_by_Commissioners_from_26_February_2015()
    {
        var holder = DirectionsInForce.HolderOf(Rotherham, "licensing", new DateTimeOffset(2015, 3, 1, 12, 0, 0, Utc));

        Assert.NotNull(holder);
        Assert.Equal(Authority.Commissioners, holder.Authority);
        Assert.Equal(Oversight.None, holder.Oversight);
        Assert.Equal(February2015, holder.DirectionsId);
    }

    [Fact]
    public void Licensing_returned_to_Council_with_advice_from_December_2016()
    {
        var holder = DirectionsInForce.HolderOf(Rotherham, "licensing", new DateTimeOffset(2017, 1, 9, 10, 0, 0, Utc));

        Assert.NotNull(holder);
        Assert.Equal(Authority.Council, holder.Authority);
        Assert.Equal(Oversight.Advice, holder.Oversight);
        Assert.Equal(December2016, holder.DirectionsId);
    }

    [Fact]
    public void Nobody_holds_a_function_before_the_first_Directions()
    {
        Assert.Null(DirectionsInForce.HolderOf(Rotherham, "licensing", new DateTimeOffset(2015, 2, 25, 12, 0, 0, Utc)));
    }

    [Fact]
    public void Directions_apply_from_the_exact_effective_instant()
    {
        var holder = DirectionsInForce.HolderOf(Rotherham, "licensing", December2016Effective);

        Assert.Equal(December2016, holder?.DirectionsId);
    }

    [Fact]
    public void One_tick_before_the_effective_instant_the_previous_Directions_still_apply()
    {
        var holder = DirectionsInForce.HolderOf(Rotherham, "licensing", December2016Effective.AddTicks(-1));

        Assert.Equal(February2015, holder?.DirectionsId);
        Assert.Equal(Authority.Commissioners, holder?.Authority);
    }

    [Fact]
    public void Late_directions_recorded_at_18_00_apply_at_10_00_the_same_morning_as_known_now()
    {
        var tenAm = new DateTimeOffset(2016, 12, 20, 10, 0, 0, Utc);

        var holder = DirectionsInForce.HolderOf(Rotherham, "licensing", tenAm);

        Assert.Equal(December2016, holder?.DirectionsId);
        Assert.Equal(Authority.Council, holder?.Authority);
    }

    [Fact]
    public void As_known_at_noon_the_late_directions_were_not_yet_recorded_so_Commissioners_held_licensing_at_10_00()
    {
        var tenAm = new DateTimeOffset(2016, 12, 20, 10, 0, 0, Utc);
        var noon = new DateTimeOffset(2016, 12, 20, 12, 0, 0, Utc);

        var holder = DirectionsInForce.HolderOf(Rotherham, "licensing", tenAm, asKnownAt: noon);

        Assert.Equal(February2015, holder?.DirectionsId);
        Assert.Equal(Authority.Commissioners, holder?.Authority);
    }

    [Fact]
    public void As_known_at_the_instant_they_were_recorded_the_late_directions_are_known()
    {
        var tenAm = new DateTimeOffset(2016, 12, 20, 10, 0, 0, Utc);

        Assert.Equal(December2016, DirectionsInForce.HolderOf(Rotherham, "licensing", tenAm, asKnownAt: December2016Recorded)?.DirectionsId);
        Assert.Equal(February2015, DirectionsInForce.HolderOf(Rotherham, "licensing", tenAm, asKnownAt: December2016Recorded.AddTicks(-1))?.DirectionsId);
    }

    [Fact]
    public void A_function_no_Directions_has_named_has_no_holder()
    {
        IReadOnlyList<AuthorityAssignment> licensingOnly =
            [Assignment(December2016, "licensing", Authority.Council, Oversight.Advice, December2016Effective, December2016Recorded)];

        Assert.Null(DirectionsInForce.HolderOf(licensingOnly, "childrens-social-care", new DateTimeOffset(2017, 1, 1, 0, 0, 0, Utc)));
    }

    [Fact]
    public void Directions_of_February_2016_naming_other_functions_leave_licensing_with_the_Commissioners()
    {
        var june2016 = new DateTimeOffset(2016, 6, 1, 12, 0, 0, Utc);

        var licensing = DirectionsInForce.HolderOf(Rotherham, "licensing", june2016);
        var housing = DirectionsInForce.HolderOf(Rotherham, "housing", june2016);

        Assert.Equal(February2015, licensing?.DirectionsId);
        Assert.Equal(Authority.Commissioners, licensing?.Authority);
        Assert.Equal(February2016, housing?.DirectionsId);
        Assert.Equal(Authority.Cabinet, housing?.Authority);
    }

    [Fact]
    public void Between_two_assignments_with_the_same_effective_instant_the_later_recorded_correction_wins()
    {
        // A correction recorded the next morning: licensing returned with a Commissioner veto, not advice.
        var correction = Guid.Parse("20161221-0000-0000-0000-000000000004");
        var corrected = Assignment(correction, "licensing", Authority.Council, Oversight.Veto,
            December2016Effective, new DateTimeOffset(2016, 12, 21, 9, 0, 0, Utc));
        var january2017 = new DateTimeOffset(2017, 1, 9, 10, 0, 0, Utc);

        // Whatever order the rows come in.
        var holder = DirectionsInForce.HolderOf([.. Rotherham, corrected], "licensing", january2017);
        var reversed = DirectionsInForce.HolderOf([corrected, .. Rotherham.Reverse()], "licensing", january2017);

        Assert.Equal(correction, holder?.DirectionsId);
        Assert.Equal(Oversight.Veto, holder?.Oversight);
        Assert.Equal(correction, reversed?.DirectionsId);
    }

    [Fact]
    public void Before_the_correction_was_recorded_the_original_assignment_is_what_was_known()
    {
        var correction = Guid.Parse("20161221-0000-0000-0000-000000000004");
        var corrected = Assignment(correction, "licensing", Authority.Council, Oversight.Veto,
            December2016Effective, new DateTimeOffset(2016, 12, 21, 9, 0, 0, Utc));

        var holder = DirectionsInForce.HolderOf([.. Rotherham, corrected], "licensing",
            new DateTimeOffset(2017, 1, 9, 10, 0, 0, Utc), asKnownAt: new DateTimeOffset(2016, 12, 20, 20, 0, 0, Utc));

        Assert.Equal(December2016, holder?.DirectionsId);
        Assert.Equal(Oversight.Advice, holder?.Oversight);
    }

    [Fact]
    public void Instants_in_other_offsets_compare_as_the_same_moment()
    {
        // 01:00 on 20 Dec at +01:00 is the effective instant itself, midnight UTC.
        var sameInstant = new DateTimeOffset(2016, 12, 20, 1, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(December2016, DirectionsInForce.HolderOf(Rotherham, "licensing", sameInstant)?.DirectionsId);
    }
}
