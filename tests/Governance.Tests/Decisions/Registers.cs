using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Directions;

namespace Governance.Tests.Decisions;

/// <summary>The Rotherham Directions that the decision tests read, and decisions to check against them.</summary>
internal static class Registers
{
    public static readonly Guid February2015 = Guid.Parse("00000000-0000-0000-0000-000000000215");
    public static readonly Guid LateDecember2016 = Guid.Parse("00000000-0000-0000-0000-000000001221");
    public static readonly Guid SameDayDecember2016 = Guid.Parse("00000000-0000-0000-0000-000000001220");
    public static readonly Guid March2017 = Guid.Parse("00000000-0000-0000-0000-000000000317");

    public static AuthorityAssignment Assign(Guid directions, string function, Authority authority, Oversight oversight, string effectiveFrom, string? recordedAt = null) => new()
    {
        DirectionsId = directions,
        Function = function,
        Authority = authority,
        Oversight = oversight,
        EffectiveFrom = DateTimeOffset.Parse(effectiveFrom),
        RecordedAt = DateTimeOffset.Parse(recordedAt ?? effectiveFrom),
    };

    /// <summary>26 Feb 2015: licensing and adult social care to the Commissioners.</summary>
    public static List<AuthorityAssignment> Intervention2015() =>
    [
        Assign(February2015, "licensing", Authority.Commissioners, Oversight.None, "2015-02-26T00:00:00Z"),
        Assign(February2015, "adult-social-care", Authority.Commissioners, Oversight.None, "2015-02-26T00:00:00Z"),
        Assign(February2015, "economic-growth", Authority.Commissioners, Oversight.None, "2015-02-26T00:00:00Z"),
    ];

    public static Decision Decision(string function, Authority authority, string decidedAt, bool keyDecision = false, bool callIn = false) => new()
    {
        Id = Guid.NewGuid(),
        SourceService = "licensing",
        Function = function,
        DecidedAt = DateTimeOffset.Parse(decidedAt),
        Authority = authority,
        DeciderName = authority == Authority.Council ? "Licensing Board" : "Decider",
        Summary = "A decision",
        KeyDecision = keyDecision,
        CallIn = callIn,
        RecordedAt = DateTimeOffset.Parse(decidedAt),
    };

    /// <summary>The decision with its check against <paramref name="register"/>, as the register records it.</summary>
    public static Decision Checked(this Decision decision, IEnumerable<AuthorityAssignment> register)
    {
        decision.Apply(DecisionValidity.Check(decision, register), decision.RecordedAt);
        return decision;
    }
}

internal static class DecisionCopies
{
    /// <summary>The same decision as reported again, optionally with another summary.</summary>
    public static Decision Copy(this Decision d, string? summary = null) => new()
    {
        Id = d.Id, SourceService = d.SourceService, Function = d.Function, DecidedAt = d.DecidedAt, Authority = d.Authority,
        DeciderName = d.DeciderName, Meeting = d.Meeting, Summary = summary ?? d.Summary, KeyDecision = d.KeyDecision, CallIn = d.CallIn,
        RecordedAt = d.RecordedAt,
    };
}
