using Governance.API.Directions;
using Intervention.Contracts.Governance;
using Intervention.Directions;

namespace Governance.Tests.Directions;

public sealed class DirectionsConflictTests
{
    private static readonly DateTimeOffset February2015 = new(2015, 2, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset December2016 = new(2016, 12, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Existing = Guid.NewGuid();

    private static FunctionAssignment Assign(string function, Authority authority, Oversight oversight = Oversight.None) =>
        new() { Function = function, Authority = authority, Oversight = oversight };

    private static AuthorityAssignment Held(string function, Authority authority, Oversight oversight, DateTimeOffset from) => new()
    {
        DirectionsId = Existing, Function = function, Authority = authority, Oversight = oversight, EffectiveFrom = from, RecordedAt = from,
    };

    [Fact]
    public void The_first_Directions_of_an_intervention_conflict_with_nothing()
    {
        Assert.Empty(DirectionsRules.Conflicts(February2015, [Assign("licensing", Authority.Commissioners)], interventionBegan: null, sameInstant: []));
    }

    [Fact]
    public void Directions_giving_licensing_to_the_Cabinet_at_the_instant_others_give_it_to_the_Council_contradict_them()
    {
        var conflicts = DirectionsRules.Conflicts(December2016, [Assign("licensing", Authority.Cabinet)], February2015,
            [Held("licensing", Authority.Council, Oversight.Advice, December2016)]);

        var conflict = Assert.Single(conflicts);
        Assert.Equal("contradictory-directions", conflict.Rule);
        Assert.Contains(Existing.ToString(), conflict.Detail);
    }

    [Fact]
    public void The_same_function_with_another_oversight_at_the_same_instant_is_a_contradiction_too()
    {
        var conflicts = DirectionsRules.Conflicts(December2016, [Assign("licensing", Authority.Council, Oversight.Veto)], February2015,
            [Held("licensing", Authority.Council, Oversight.Advice, December2016)]);

        Assert.Equal(["contradictory-directions"], conflicts.Select(c => c.Rule));
    }

    [Fact]
    public void Recording_the_same_assignment_at_the_same_instant_again_is_not_a_contradiction()
    {
        Assert.Empty(DirectionsRules.Conflicts(December2016, [Assign("licensing", Authority.Council, Oversight.Advice)], February2015,
            [Held("licensing", Authority.Council, Oversight.Advice, December2016)]));
    }

    [Fact]
    public void Directions_effective_before_the_intervention_began_are_refused()
    {
        var conflicts = DirectionsRules.Conflicts(February2015.AddTicks(-1), [Assign("licensing", Authority.Cabinet)], February2015, []);

        Assert.Equal(["before-intervention"], conflicts.Select(c => c.Rule));
    }

    [Fact]
    public void Directions_effective_at_the_very_instant_the_intervention_began_are_allowed()
    {
        Assert.Empty(DirectionsRules.Conflicts(February2015, [Assign("housing", Authority.Cabinet)], February2015, []));
    }
}
