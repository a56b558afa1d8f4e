using Intervention.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Children.API;

/// <summary>A business rule that forbids a change: its stable kebab-case name and why, in the council's words.</summary>
/// <param name="Rule">The rule's name, as the 409 answer's <c>rule</c> extension carries it.</param>
/// <param name="Detail">Why the change is refused.</param>
public sealed record BrokenRule(string Rule, string Detail)
{
    /// <summary>The one answer for a broken rule: 409 problem details naming it.</summary>
    public ProblemHttpResult ToConflict() => RuleBroken.Conflict(Rule, Detail);
}

/// <summary>
/// What a pure decision over loaded state answers: the changes to save (entities and events), or the rule that forbids them.
/// The endpoint only saves the one or answers the other.
/// </summary>
public sealed record Decided<T> where T : class
{
    private Decided(T? changes, BrokenRule? refusal) => (Changes, Refusal) = (changes, refusal);

    /// <summary>The changes, when no rule forbids them.</summary>
    public T? Changes { get; }

    /// <summary>The rule that forbids the change, or null.</summary>
    public BrokenRule? Refusal { get; }

    public static implicit operator Decided<T>(T changes) => new(changes, null);
    public static implicit operator Decided<T>(BrokenRule refusal) => new(null, refusal);
}
