using Intervention.Directions;
using Intervention.Contracts.Governance;

namespace Governance.API.Decisions;

/// <summary>
/// Late Directions change who held a function in a window already passed: every decision on a function the
/// Directions assign, taken at or after their effective instant, is checked again as the Directions are known
/// now. Newly questioned decisions publish <see cref="DecisionValidityQuestioned"/>; decisions that no longer
/// conflict are cleared and publish <see cref="DecisionValidityCleared"/>.
/// </summary>
public static class DecisionReview
{
    /// <summary>What a re-check publishes.</summary>
    public sealed record Rechecked(IReadOnlyList<DecisionValidityQuestioned> Questioned, IReadOnlyList<DecisionValidityCleared> Cleared);

    /// <summary>
    /// Re-checks <paramref name="decisions"/> against <paramref name="register"/> as known now (the new Directions'
    /// assignments included), keeping each result on the decision, and returns the events for those whose verdict changed.
    /// </summary>
    public static Rechecked Recheck(IEnumerable<Decision> decisions, IReadOnlyList<AuthorityAssignment> register, DateTimeOffset now)
    {
        var questioned = new List<DecisionValidityQuestioned>();
        var cleared = new List<DecisionValidityCleared>();
        foreach (var decision in decisions)
        {
            switch (DecisionValidity.Review(decision, register, now))
            {
                case ReviewOutcome.Questioned:
                    questioned.Add(Questioned(decision, now));
                    break;
                case ReviewOutcome.Cleared:
                    cleared.Add(Cleared(decision, now));
                    break;
            }
        }
        return new Rechecked(questioned, cleared);
    }

    internal static DecisionValidityQuestioned Questioned(Decision decision, DateTimeOffset now) => new()
    {
        EventId = Guid.NewGuid(),
        OccurredAt = now,
        DecisionId = decision.Id,
        SourceService = decision.SourceService,
        Function = decision.Function,
        DecidedAt = decision.DecidedAt,
        DecidedBy = decision.Authority,
        HeldBy = decision.HolderAuthority,
        DirectionsId = decision.HolderDirectionsId,
        Reason = decision.QuestionedReason!,
    };

    private static DecisionValidityCleared Cleared(Decision decision, DateTimeOffset now) => new()
    {
        EventId = Guid.NewGuid(),
        OccurredAt = now,
        DecisionId = decision.Id,
        SourceService = decision.SourceService,
        Function = decision.Function,
        DecidedAt = decision.DecidedAt,
        DecidedBy = decision.Authority,
        DirectionsId = decision.HolderDirectionsId,
    };
}
