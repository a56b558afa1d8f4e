using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;

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
}
