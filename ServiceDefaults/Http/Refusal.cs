using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Intervention.ServiceDefaults.Http;

/// <summary>
/// Why a pure decision refused what it was asked: fields that break their rules (answered 400 naming each field), a
/// business rule (409 naming the rule), or a caller the rule does not let decide (403). The decision returns it instead of
/// its changes; the endpoint answers it as problem details with <see cref="AsValidationProblem"/> or <see cref="AsProblem"/>.
/// </summary>
public sealed record Refusal
{
    private Refusal(int status) => Status = status;

    /// <summary>The HTTP status it is answered with: 400, 403 or 409.</summary>
    public int Status { get; }

    /// <summary>The fields at fault and the rules each breaks; null for a refusal by a business rule.</summary>
    public IReadOnlyDictionary<string, string[]>? Fields { get; private init; }

    /// <summary>The stable kebab-case name of the business rule broken; null for fields at fault or a refusal without one.</summary>
    public string? Rule { get; private init; }

    /// <summary>The problem's title; null for the default one.</summary>
    public string? Title { get; private init; }

    /// <summary>Why, in words.</summary>
    public string? Detail { get; private init; }

    /// <summary>More members of the problem document (the reasons of a verdict, the last day to appeal).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; private init; }

    /// <summary>True when the refusal names fields (a 400 validation problem).</summary>
    public bool NamesFields => Fields is not null;

    /// <summary>Fields that break their rules (400).</summary>
    public static Refusal OfFields(IReadOnlyDictionary<string, string[]> fields, string? title = null) =>
        new(StatusCodes.Status400BadRequest) { Fields = fields, Title = title };

    /// <summary>One field that breaks a rule (400).</summary>
    public static Refusal OfField(string field, string rule, string? title = null) =>
        OfFields(new Dictionary<string, string[]> { [field] = [rule] }, title);

    /// <summary>A business rule forbids it (409 naming the rule).</summary>
    public static Refusal ByRule(string rule, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict) { Rule = rule, Detail = detail, Extensions = extensions };

    /// <summary>The caller may not do this, by the rule named (403).</summary>
    public static Refusal ForbiddenByRule(string rule, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status403Forbidden) { Rule = rule, Detail = detail, Extensions = extensions };

    /// <summary>The caller may not do this (403), said in a title and a detail.</summary>
    public static Refusal Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden) { Title = title, Detail = detail };

    /// <summary>The 400 answer naming the fields.</summary>
    public ValidationProblem AsValidationProblem() =>
        TypedResults.ValidationProblem(Fields ?? throw new InvalidOperationException("A refusal by rule is not a validation problem."), title: Title);

    /// <summary>The 403 or 409 answer naming the rule.</summary>
    public ProblemHttpResult AsProblem()
    {
        if (NamesFields) throw new InvalidOperationException("A refusal naming fields is a validation problem.");
        var extensions = Extensions is null ? null : new Dictionary<string, object?>(Extensions);
        return (Status, Rule) switch
        {
            (_, null) => TypedResults.Problem(statusCode: Status, title: Title, detail: Detail),
            (StatusCodes.Status403Forbidden, { } rule) => RuleBroken.Forbidden(rule, Detail!, extensions),
            (_, { } rule) => RuleBroken.Conflict(rule, Detail!, extensions),
        };
    }
}

/// <summary>What a pure decision came to: its changes and events, or the <see cref="Refusal"/>.</summary>
/// <typeparam name="T">The changes (new rows, changed aggregate, events) the caller saves.</typeparam>
public sealed class Decision<T> where T : class
{
    private Decision(T? changes, Refusal? refused) => (Changes, Refused) = (changes, refused);

    /// <summary>The changes to save; null when refused.</summary>
    public T? Changes { get; }

    /// <summary>Why it was refused; null when decided.</summary>
    public Refusal? Refused { get; }

    public static implicit operator Decision<T>(T changes) => new(changes, null);

    public static implicit operator Decision<T>(Refusal refused) => new(null, refused);
}
