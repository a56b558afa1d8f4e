using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;

namespace Governance.API.Directions;

/// <summary>What a Directions must say before the register accepts it. Pure: fields in, named errors out.</summary>
public static class DirectionsRules
{
    /// <summary>Field name -> the rules it breaks; empty when the Directions can be recorded.</summary>
    public static Dictionary<string, string[]> Validate(IssueDirectionsRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string rule) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(rule);

        if (request.IssuedOn is null) Add("issuedOn", "is required: the date the Directions were issued");
        if (request.EffectiveFrom is null) Add("effectiveFrom", "is required: the instant the Directions take effect");
        if (request.IssuedBy is not { Count: > 0 }) Add("issuedBy", "must name at least one issuing department");
        else
            for (var i = 0; i < request.IssuedBy.Count; i++)
                if (string.IsNullOrWhiteSpace(request.IssuedBy[i])) Add($"issuedBy[{i}]", "must not be blank");

        if (request.InterventionEndsOn is { } ends && request.IssuedOn is { } issued && ends <= issued)
            Add("interventionEndsOn", "must be after issuedOn");

        if (request.Assignments is not { Count: > 0 })
        {
            Add("assignments", "must assign at least one function");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Assignments.Count; i++)
            {
                var assignment = request.Assignments[i];
                if (assignment is null) { Add($"assignments[{i}]", "must not be null"); continue; }
                if (CouncilFunctions.Find(assignment.Function) is null)
                    Add($"assignments[{i}].function", $"'{assignment.Function}' is not a function code in the functions register");
                else if (!seen.Add(assignment.Function))
                    Add($"assignments[{i}].function", $"'{assignment.Function}' is assigned twice in the same Directions");
                if (!Enum.IsDefined(assignment.Authority))
                    Add($"assignments[{i}].authority", $"must be one of: {string.Join(", ", Enum.GetNames<Authority>())}");
                if (!Enum.IsDefined(assignment.Oversight))
                    Add($"assignments[{i}].oversight", $"must be one of: {string.Join(", ", Enum.GetNames<Oversight>())}");
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>A rule that forbids recording well-formed Directions, given what the register already holds.</summary>
    public sealed record Conflict(string Rule, string Detail);

    /// <summary>
    /// What forbids these Directions against the register: two Directions effective at the same instant
    /// that assign the same function differently contradict each other; Directions effective before the
    /// intervention began (the earliest Directions recorded) have nothing to act on. Identical assignments at
    /// the same instant are a re-record, not a contradiction.
    /// </summary>
    /// <param name="effectiveFrom">When the new Directions take effect.</param>
    /// <param name="assignments">What they assign.</param>
    /// <param name="interventionBegan">When the earliest Directions in the register took effect; null for the first.</param>
    /// <param name="sameInstant">Assignments in the register that take effect at <paramref name="effectiveFrom"/>.</param>
    public static IReadOnlyList<Conflict> Conflicts(DateTimeOffset effectiveFrom, IReadOnlyList<FunctionAssignment> assignments,
        DateTimeOffset? interventionBegan, IReadOnlyList<AuthorityAssignment> sameInstant)
    {
        var conflicts = new List<Conflict>();
        if (effectiveFrom < interventionBegan)
            conflicts.Add(new("before-intervention",
                $"effectiveFrom {effectiveFrom:O} is before the intervention began ({interventionBegan:O}, the earliest Directions in the register)."));
        foreach (var assignment in assignments)
        {
            var contradicted = sameInstant.FirstOrDefault(a => a.Function == assignment.Function && a.EffectiveFrom == effectiveFrom
                && (a.Authority != assignment.Authority || a.Oversight != assignment.Oversight));
            if (contradicted is not null)
                conflicts.Add(new("contradictory-directions",
                    $"Directions {contradicted.DirectionsId}, effective at the same instant, give '{assignment.Function}' to " +
                    $"{contradicted.Authority} ({contradicted.Oversight}), not {assignment.Authority} ({assignment.Oversight})."));
        }
        return conflicts;
    }
}
