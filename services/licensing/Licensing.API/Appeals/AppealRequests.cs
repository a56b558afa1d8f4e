using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;

namespace Licensing.API.Appeals;

/// <summary>What the appeal requests must say before anything is loaded: each problem by its JSON field.</summary>
public static class AppealRequests
{
    /// <summary>An appeal is lodged on a day, not in the future.</summary>
    public static Dictionary<string, string[]> LodgeProblems(LodgeAppeal request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.LodgedOn is not { } lodgedOn) errors["lodgedOn"] = ["is required: the day the appeal was lodged, yyyy-MM-dd"];
        else if (lodgedOn > today) errors["lodgedOn"] = ["must not be in the future"];
        return errors;
    }

    /// <summary>The court's decision has an outcome and a day (not in the future); varied terms (at most 4000 characters) only and always when
    /// varied.</summary>
    public static Dictionary<string, string[]> DetermineProblems(DetermineAppeal request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is null) errors["outcome"] = [$"is required: one of {string.Join(", ", Enum.GetNames<AppealOutcome>())}"];
        if (request.DecidedOn is not { } decidedOn) errors["decidedOn"] = ["is required: the day the court decided, yyyy-MM-dd"];
        else if (decidedOn > today) errors["decidedOn"] = ["must not be in the future"];
        var varied = request.Outcome == AppealOutcome.Varied;
        if (varied && string.IsNullOrWhiteSpace(request.VariedTerms)) errors["variedTerms"] = ["are required when the court varied the decision"];
        if (!varied && request.VariedTerms is not null) errors["variedTerms"] = ["apply only when the court varied the decision"];
        if (request.VariedTerms is { Length: > 4000 }) errors["variedTerms"] = ["must be at most 4000 characters"];
        return errors;
    }
}
