using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;

namespace Governance.API.Directions;

/// <summary>
/// Issuing Directions over the register as loaded. Pure: the request, the register's assignments of the functions it
/// assigns and the decisions on them since it takes effect in; the Directions to add and the events to publish out, or
/// the rule that forbids them. The decisions passed in are re-checked in place (the caller tracks and saves them).
/// </summary>
public static class DirectionsRegister
{
    /// <summary>What recording the Directions changes.</summary>
    /// <param name="Directions">The Directions with their assignments, to add.</param>
    /// <param name="Event">Tells every service who holds its functions from the effective instant.</param>
    /// <param name="Questioned">Decisions in the window the Directions change that are newly questioned.</param>
    /// <param name="Cleared">Decisions in that window that no longer conflict.</param>
    public sealed record Issued(IssuedDirections Directions, DirectionsIssued Event,
        IReadOnlyList<DecisionValidityQuestioned> Questioned, IReadOnlyList<DecisionValidityCleared> Cleared);

    /// <param name="request">Directions that passed <see cref="DirectionsRules.Validate"/>.</param>
    /// <param name="recordedAt">When the register records them.</param>
    /// <param name="interventionBegan">When the earliest Directions in the register took effect; null for the first.</param>
    /// <param name="register">The register's assignments of the functions these Directions assign.</param>
    /// <param name="decisions">Decisions on those functions taken at or after the Directions' effective instant.</param>
    public static Decision<Issued> Issue(IssueDirectionsRequest request, DateTimeOffset recordedAt, DateTimeOffset? interventionBegan,
        IReadOnlyList<AuthorityAssignment> register, IReadOnlyList<Decision> decisions)
    {
        var effectiveFrom = request.EffectiveFrom!.Value.ToUniversalTime();
        var sameInstant = register.Where(a => a.EffectiveFrom == effectiveFrom).ToList();
        if (DirectionsRules.Conflicts(effectiveFrom, request.Assignments!, interventionBegan, sameInstant) is [var conflict, ..])
            return Refusal.ByRule(conflict.Rule, conflict.Detail);

        var directions = new IssuedDirections
        {
            Id = Guid.CreateVersion7(recordedAt),
            IssuedOn = request.IssuedOn!.Value,
            IssuedBy = request.IssuedBy!.Select(department => department.Trim()).ToList(),
            EffectiveFrom = effectiveFrom,
            RecordedAt = recordedAt,
            InterventionEndsOn = request.InterventionEndsOn,
        };
        directions.Assignments.AddRange(request.Assignments!.Select(assignment => new AuthorityAssignment
        {
            DirectionsId = directions.Id,
            Function = assignment.Function,
            Authority = assignment.Authority,
            Oversight = assignment.Oversight,
            EffectiveFrom = effectiveFrom,
            RecordedAt = recordedAt,
        }));
        var recheck = DecisionReview.Recheck(decisions, [.. register, .. directions.Assignments], recordedAt);
        var issued = new DirectionsIssued
        {
            EventId = Guid.NewGuid(),
            OccurredAt = recordedAt,
            DirectionsId = directions.Id,
            IssuedOn = directions.IssuedOn,
            IssuedBy = directions.IssuedBy,
            EffectiveFrom = effectiveFrom,
            RecordedAt = recordedAt,
            InterventionEndsOn = directions.InterventionEndsOn,
            Assignments = request.Assignments!,
        };
        return new Issued(directions, issued, recheck.Questioned, recheck.Cleared);
    }
}
