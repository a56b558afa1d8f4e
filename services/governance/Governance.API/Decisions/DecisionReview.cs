using Intervention.Directions;
using Governance.API.Directions;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Decisions;

/// <summary>
/// Late Directions change who held a function in a window already passed: every decision on a function the
/// Directions assign, taken at or after their effective instant, is checked again as the Directions are known
/// now. Newly questioned decisions publish <see cref="DecisionValidityQuestioned"/>; decisions that no longer
/// conflict are cleared and publish <see cref="DecisionValidityCleared"/>.
/// </summary>
public static class DecisionReview
{
    /// <summary>
    /// Re-checks the decisions the new <paramref name="directions"/> may affect, in the caller's unit of work:
    /// the Directions are added to the context but not yet saved, so their assignments are taken from
    /// <see cref="IssuedDirections.Assignments"/> beside the register read from the database. The caller saves and commits.
    /// </summary>
    public static async Task RecheckAsync(GovernanceDb db, IssuedDirections directions, DateTimeOffset now, CancellationToken ct)
    {
        var functions = directions.Assignments.Select(a => a.Function).Distinct().ToList();
        var decisions = await db.Set<Decision>()
            .Where(d => functions.Contains(d.Function) && d.DecidedAt >= directions.EffectiveFrom)
            .ToListAsync(ct);
        if (decisions.Count == 0) return;

        var saved = await db.AuthorityAssignments.AsNoTracking().Where(a => functions.Contains(a.Function)).ToListAsync(ct);
        var register = saved.Where(a => a.DirectionsId != directions.Id).Concat(directions.Assignments).ToList();

        foreach (var decision in decisions)
        {
            switch (DecisionValidity.Review(decision, register, now))
            {
                case ReviewOutcome.Questioned:
                    db.AddEvent(Questioned(decision, now), now);
                    break;
                case ReviewOutcome.Cleared:
                    db.AddEvent(Cleared(decision, now), now);
                    break;
            }
        }
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
