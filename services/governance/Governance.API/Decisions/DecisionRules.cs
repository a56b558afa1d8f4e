using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Http;

namespace Governance.API.Decisions;

/// <summary>What a reported decision must say before the register takes it. Pure: fields in, named errors out.</summary>
public static class DecisionRules
{
    /// <summary>How far past the register's clock a decision's instant may be (clocks of other services drift).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Field name -> the rules it breaks; empty when the decision can be recorded.</summary>
    /// <param name="request">The decision as reported.</param>
    /// <param name="now">The register's clock, to refuse decisions taken in the future.</param>
    public static Dictionary<string, string[]> Validate(RecordDecisionRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null) errors["id"] = ["is required: the decision's id, chosen by the source service"];
        else if (request.Id == Guid.Empty) errors["id"] = ["must not be the empty GUID"];
        if (string.IsNullOrWhiteSpace(request.SourceService)) errors["sourceService"] = ["is required: the service that recorded the decision"];
        if (string.IsNullOrWhiteSpace(request.Function)) errors["function"] = ["is required: a function code from the functions register"];
        else if (CouncilFunctions.Find(request.Function) is null)
            errors["function"] = [$"'{request.Function}' is not a function code in the functions register"];
        if (request.DecidedAt is null) errors["decidedAt"] = ["is required: the instant the decision was taken"];
        else if (request.DecidedAt > now + ClockTolerance) errors["decidedAt"] = ["must not be in the future"];
        if (request.Authority is null) errors["authority"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Authority>())}"];
        else if (!Enum.IsDefined(request.Authority.Value)) errors["authority"] = [$"must be one of: {string.Join(", ", Enum.GetNames<Authority>())}"];
        if (string.IsNullOrWhiteSpace(request.DeciderName)) errors["deciderName"] = ["is required: the decider's name or body"];
        if (string.IsNullOrWhiteSpace(request.Summary)) errors["summary"] = ["is required: what was decided"];
        if (request.KeyDecision is null) errors["keyDecision"] = ["is required: true or false"];
        if (request.CallIn is null) errors["callIn"] = ["is required: true or false"];
        return errors;
    }

    /// <summary>The decision a valid request reports, as the register keeps it (names trimmed, a blank meeting absent).</summary>
    public static Decision ToDecision(RecordDecisionRequest request, DateTimeOffset recordedAt) => new()
    {
        Id = request.Id!.Value,
        SourceService = request.SourceService!.Trim(),
        Function = request.Function!,
        DecidedAt = request.DecidedAt!.Value.ToUniversalTime(),
        Authority = request.Authority!.Value,
        DeciderName = request.DeciderName!.Trim(),
        Meeting = string.IsNullOrWhiteSpace(request.Meeting) ? null : request.Meeting.Trim(),
        Summary = request.Summary!.Trim(),
        KeyDecision = request.KeyDecision!.Value,
        CallIn = request.CallIn!.Value,
        RecordedAt = recordedAt,
    };

    /// <summary>The same decision reported over the broker: one path, one set of rules.</summary>
    public static RecordDecisionRequest FromEvent(DecisionRecorded recorded) => new()
    {
        Id = recorded.DecisionId,
        SourceService = recorded.SourceService,
        Function = recorded.Function,
        DecidedAt = recorded.DecidedAt,
        Authority = recorded.Authority,
        DeciderName = recorded.DeciderName,
        Meeting = recorded.Meeting,
        Summary = recorded.Summary,
        KeyDecision = recorded.KeyDecision,
        CallIn = recorded.CallIn,
    };

    /// <summary>What a reader asks of the register: a status, a function and a period, each optional.</summary>
    public sealed record DecisionQuery(DecisionStatus? Status, string? Function, DateTimeOffset? From, DateTimeOffset? To);

    /// <summary>Query parameter -> the rules it breaks (empty when none), and the query they ask for.</summary>
    /// <param name="status">Valid, Questioned, PendingCallIn or AwaitingSignOff, in any case; all when absent.</param>
    /// <param name="function">A function code; all when absent.</param>
    /// <param name="from">Decisions taken at or after this instant.</param>
    /// <param name="to">Decisions taken before this instant.</param>
    /// <param name="clock">What <see cref="Instants"/> reads a relative instant against.</param>
    /// <param name="query">The query, when there are no errors.</param>
    public static Dictionary<string, string[]> ValidateQuery(string? status, string? function, string? from, string? to, TimeProvider clock,
        out DecisionQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        DecisionStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<DecisionStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && status.All(char.IsLetter))
                wanted = parsed;
            else errors["status"] = [$"must be one of: {string.Join(", ", Enum.GetNames<DecisionStatus>())}"];
        }
        if (!string.IsNullOrEmpty(function) && CouncilFunctions.Find(function) is null)
            errors["function"] = [$"'{function}' is not a function code in the functions register"];
        var fromInstant = Instant(from, "from", clock, errors);
        var toInstant = Instant(to, "to", clock, errors);
        if (fromInstant > toInstant) errors["to"] = ["must not be before from"];
        query = new DecisionQuery(wanted, string.IsNullOrEmpty(function) ? null : function, fromInstant, toInstant);
        return errors;
    }

    private static DateTimeOffset? Instant(string? text, string field, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (Instants.TryParse(text, out var instant, clock)) return instant;
        errors[field] = [Instants.Rule];
        return null;
    }

    /// <summary>Field name -> the rules it breaks; empty when the sign-off can be recorded.</summary>
    public static Dictionary<string, string[]> Validate(SignOffDecisionRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.SignerName)) errors["signerName"] = ["is required: the signing Commissioner's name"];
        if (request.SignedAt > now + ClockTolerance) errors["signedAt"] = ["must not be in the future"];
        return errors;
    }
}
