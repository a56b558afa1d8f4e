using Intervention.Contracts.Licensing;

namespace Licensing.API.Hearings;

/// <summary>What the hearing requests must say before anything is loaded: each problem by its JSON field.</summary>
public static class HearingRequests
{
    /// <summary>The title of a hearing that cannot be scheduled.</summary>
    public const string ScheduleTitle = "The hearing cannot be scheduled";

    /// <summary>A hearing needs a driver, a day, grounds (at most 4000 characters) and a panel of distinct members.</summary>
    public static Dictionary<string, string[]> ScheduleProblems(ScheduleHearing request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DriverId is null) errors["driverId"] = ["is required"];
        if (request.HeldOn is null) errors["heldOn"] = ["is required: the day of the hearing, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.Grounds)) errors["grounds"] = ["is required: why the driver may be in breach"];
        else if (request.Grounds.Length > 4000) errors["grounds"] = ["must be at most 4000 characters"];
        foreach (var (field, rules) in HearingPanel.MemberProblems(request.Members ?? [])) errors[field] = rules;
        return errors;
    }

    /// <summary>An interest names the member and says what it is, in at most 2000 characters.</summary>
    public static Dictionary<string, string[]> InterestProblems(DeclareInterest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Member)) errors["member"] = ["is required: the member's name as on the panel"];
        if (string.IsNullOrWhiteSpace(request.Interest) || request.Interest.Length > 2000)
            errors["interest"] = ["is required: what the interest is, at most 2000 characters"];
        return errors;
    }

    /// <summary>An entry of the record has a kind, a speaker (at most 200 characters) and a text (at most 20000).</summary>
    public static Dictionary<string, string[]> RecordProblems(NewRecordEntry request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null) errors["kind"] = [$"is required: one of {string.Join(", ", Enum.GetNames<RecordKind>())}"];
        if (string.IsNullOrWhiteSpace(request.Speaker) || request.Speaker.Length > 200) errors["speaker"] = ["is required, at most 200 characters"];
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 20000) errors["text"] = ["is required, at most 20000 characters"];
        return errors;
    }

    /// <summary>
    /// A decision has an outcome, written reasons (at most 20000 characters), grounds and the day notice was given (not in the
    /// future), and immediate effect only where <see cref="EffectDates.Validate"/> allows it.
    /// </summary>
    public static Dictionary<string, string[]> DecideProblems(DecideHearing request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is null) errors["outcome"] = [$"is required: one of {string.Join(", ", Enum.GetNames<HearingOutcome>())}"];
        if (string.IsNullOrWhiteSpace(request.Reasons)) errors["reasons"] = ["are required: the decision's written reasons"];
        else if (request.Reasons.Length > 20000) errors["reasons"] = ["must be at most 20000 characters"];
        if (request.Grounds is null) errors["grounds"] = [$"is required: one of {string.Join(", ", Enum.GetNames<DecisionGrounds>())}"];
        if (request.NoticeGivenOn is not { } notice) errors["noticeGivenOn"] = ["is required: the day notice of the decision was given, yyyy-MM-dd"];
        else if (notice > today) errors["noticeGivenOn"] = ["must not be in the future"];
        if (errors.Count == 0)
            foreach (var (field, rules) in EffectDates.Validate(ToDecision(request))) errors[field] = rules;
        return errors;
    }

    /// <summary>The decision as the effect rules read it: the written reasons stand for the immediate reasons when none are given.</summary>
    public static HearingDecision ToDecision(DecideHearing request)
    {
        var immediateReasons = string.IsNullOrWhiteSpace(request.ImmediateReasons) ? request.Reasons : request.ImmediateReasons;
        return new(request.Outcome!.Value, request.NoticeGivenOn!.Value, request.Immediate ?? false, request.Immediate == true ? immediateReasons : null);
    }
}
