using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;

namespace Intervention.FunctionalTests;

/// <summary>The Directions several tests record before a licensing decision, written once.</summary>
public static class RotherhamDirections
{
    /// <summary>An instant the Directions of 26 February 2015 govern, whatever else other tests recorded for later dates.</summary>
    public static readonly DateTimeOffset UnderFebruary2015 = DateTimeOffset.Parse("2015-02-26T12:00:00Z");

    /// <summary>The Directions of 26 February 2015 as far as licensing goes: the Commissioners take it, to the end of March 2019.</summary>
    public static IssueDirectionsRequest February2015() => new()
    {
        IssuedOn = new DateOnly(2015, 2, 26),
        EffectiveFrom = DateTimeOffset.Parse("2015-02-26T00:00:00Z"),
        IssuedBy = ["DCLG"],
        InterventionEndsOn = new DateOnly(2019, 3, 31),
        Assignments = [new() { Function = "licensing", Authority = Authority.Commissioners, Oversight = Oversight.None }],
    };
}
