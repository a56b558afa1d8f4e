using Intervention.ServiceDefaults;
using System.Globalization;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Authority;

namespace Governance.API.Decisions;

/// <summary>What a check of a decision against the Directions found: the holder at its instant and, when questioned, why.</summary>
/// <param name="Holder">The assignment in force for the function at the decision's instant; null when no Directions assigned it.</param>
/// <param name="Reason">Set when the decider was not the holder.</param>
public sealed record AuthorityCheck(AuthorityAssignment? Holder, string? Reason)
{
    public bool IsQuestioned => Reason is not null;
}

/// <summary>Where a decision stands on a given day: its status, the day it takes effect, and why it is not simply valid.</summary>
public sealed record DecisionStanding(DecisionStatus Status, DateOnly? EffectiveOn, string? Reason);

/// <summary>What a re-check did to a decision.</summary>
public enum ReviewOutcome
{
    /// <summary>Same holder, same verdict.</summary>
    Unchanged,
    /// <summary>Newly questioned, or questioned for a different reason (another holder or Directions).</summary>
    Questioned,
    /// <summary>Was questioned, no longer conflicts.</summary>
    Cleared,
    /// <summary>Still not questioned, but the holder's Directions or oversight changed (e.g. a veto now applies).</summary>
    HolderChanged,
}

/// <summary>
/// Whether a decision stands, and from when. Pure: the decision and the register of assignments in, a verdict
/// out — no database, no clock (today is a parameter).
/// <list type="bullet">
/// <item>A decision is checked against the authority holding its function at its instant as the Directions are
/// known now (<see cref="DirectionsInForce"/>). Taken by another authority, it is questioned with a reason naming
/// the holder and the Directions; it is kept either way. No Directions assigning the function: nothing to contradict.</item>
/// <item>Commissioner, Council (including regulatory committees such as the Licensing Board) and officer decisions
/// take effect on their decision day; only a Cabinet decision reported with <c>callIn</c> waits for its call-in
/// period (<see cref="DecisionCalendar.CallInEndsOn"/>).</item>
/// <item>A key decision on a function held under Commissioner veto is not effective until a Commissioner signs it
/// off; then it takes effect on the later of the sign-off day and its call-in day.</item>
/// </list>
/// </summary>
public static class DecisionValidity
{
    /// <summary>Checks who decided against who held <paramref name="function"/> at <paramref name="decidedAt"/> in <paramref name="register"/>.</summary>
    public static AuthorityCheck Check(string function, Authority decidedBy, DateTimeOffset decidedAt, IEnumerable<AuthorityAssignment> register)
    {
        var holder = DirectionsInForce.HolderOf(register, function, decidedAt);
        if (holder is null || holder.Authority == decidedBy) return new AuthorityCheck(holder, null);
        return new AuthorityCheck(holder,
            $"Decided by {decidedBy}, but {holder.Authority} held '{function}' at {Instant(decidedAt)} " +
            $"under Directions {holder.DirectionsId} (effective {Instant(holder.EffectiveFrom)}, recorded {Instant(holder.RecordedAt)}).");
    }

    public static AuthorityCheck Check(Decision decision, IEnumerable<AuthorityAssignment> register) =>
        Check(decision.Function, decision.Authority, decision.DecidedAt, register);

    /// <summary>Whether the decision waits for a Commissioner's sign-off: a key decision on a function held under veto.</summary>
    public static bool NeedsSignOff(Decision decision) => decision.KeyDecision && decision.HolderOversight == Oversight.Veto;

    /// <summary>Whether the decision has a call-in period: Cabinet decisions reported with <c>callIn</c> only.</summary>
    public static bool HasCallIn(Decision decision) => decision.CallIn && decision.Authority == Authority.Cabinet;

    /// <summary>Where <paramref name="decision"/>, as last checked, stands on <paramref name="today"/> (a Europe/London date).</summary>
    public static DecisionStanding Assess(Decision decision, DecisionCalendar calendar, DateOnly today)
    {
        if (decision.QuestionedReason is { } questioned) return new DecisionStanding(DecisionStatus.Questioned, null, questioned);

        var decisionDay = CouncilTime.DateOf(decision.DecidedAt);
        var effectiveOn = HasCallIn(decision) ? calendar.CallInEndsOn(decision.DecidedAt) : decisionDay;

        if (NeedsSignOff(decision))
        {
            if (decision.SignedOffAt is not { } signedAt)
                return new DecisionStanding(DecisionStatus.AwaitingSignOff, null,
                    $"Key decision on '{decision.Function}', which {decision.HolderAuthority} holds under Commissioner veto " +
                    $"(Directions {decision.HolderDirectionsId}): not effective until a Commissioner signs it off.");
            var signedOn = CouncilTime.DateOf(signedAt);
            if (signedOn > effectiveOn) effectiveOn = signedOn;
        }

        if (HasCallIn(decision) && today < effectiveOn)
            return new DecisionStanding(DecisionStatus.PendingCallIn, effectiveOn,
                $"Cabinet decision subject to call-in: takes effect on {effectiveOn:yyyy-MM-dd}, " +
                $"the {Ordinal(calendar.CallInWorkingDays)} working day after the decision day {decisionDay:yyyy-MM-dd}.");

        return new DecisionStanding(DecisionStatus.Valid, effectiveOn, null);
    }

    /// <summary>
    /// Re-checks <paramref name="decision"/> against <paramref name="register"/> (as known now), keeps the result,
    /// and says what changed: newly questioned, cleared, or only the holder's details.
    /// </summary>
    public static ReviewOutcome Review(Decision decision, IEnumerable<AuthorityAssignment> register, DateTimeOffset now)
    {
        var check = Check(decision, register);
        var wasQuestioned = decision.IsQuestioned;
        var sameHolder = decision.HolderAuthority == check.Holder?.Authority
            && decision.HolderOversight == check.Holder?.Oversight
            && decision.HolderDirectionsId == check.Holder?.DirectionsId;
        var outcome = (wasQuestioned, check.IsQuestioned) switch
        {
            (false, true) => ReviewOutcome.Questioned,
            (true, false) => ReviewOutcome.Cleared,
            (true, true) when !sameHolder || decision.QuestionedReason != check.Reason => ReviewOutcome.Questioned,
            (false, false) when !sameHolder => ReviewOutcome.HolderChanged,
            _ => ReviewOutcome.Unchanged,
        };
        decision.Apply(check, now);
        return outcome;
    }

    private static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
