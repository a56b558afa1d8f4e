using System.Reflection;
using Intervention.Contracts.Governance;

namespace Intervention.Contracts;

/// <summary>Who may receive an event outside our own services.</summary>
public enum EventClassification
{
    /// <summary>Our services only: never offered to an integrator, by webhook or by AMQP (child-level events).</summary>
    Internal,
    /// <summary>Integrators whose token carries one of the named audiences (<c>intervention.events.&lt;audience&gt;</c>).</summary>
    Restricted,
    /// <summary>Any integrator: aggregates and registers with no child or driver reference.</summary>
    Public,
}

/// <summary>
/// Declares on an event contract who may receive it outside our own services. Every event contract carries one: the
/// integrations service, the per-audience RabbitMQ users and the AsyncAPI catalogue all read it, and nothing else decides.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClassifiedAttribute(EventClassification classification, params string[] audiences) : Attribute
{
    /// <summary>Internal, restricted or public.</summary>
    public EventClassification Classification { get; } = classification;

    /// <summary>The audiences that may receive a restricted event (e.g. <c>police</c>); empty otherwise.</summary>
    public IReadOnlyList<string> Audiences { get; } = audiences;
}

/// <summary>
/// The event contracts and who may receive each. An integrator's audiences are the values of its token's <c>scope</c> claim of
/// the form <c>intervention.events.&lt;audience&gt;</c> (space-separated, as OAuth writes scopes); the integrator role alone means
/// public events only.
/// </summary>
public static class EventAudiences
{
    /// <summary>What a scope value starts with when it names an event audience.</summary>
    public const string ScopePrefix = "intervention.events.";

    /// <summary>The police: may receive licensing decisions and safeguarding concerns, which name a licence (a driver).</summary>
    public const string Police = "police";

    /// <summary>Not a scope: the name of what any integrator may receive (public events), e.g. for its RabbitMQ user.</summary>
    public const string Public = "public";

    private static readonly HashSet<string> PortfolioNamespaces =
        Enum.GetNames<Portfolio>().Select(p => $"Intervention.Contracts.{p}").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Every event contract, by full name: a record in an <c>Intervention.Contracts.&lt;Portfolio&gt;</c> namespace that is an
    /// <see cref="IIntegrationEvent"/>, found rather than listed so that a new one cannot be missed.
    /// </summary>
    public static IReadOnlyList<Type> Events { get; } = typeof(EventAudiences).Assembly.GetExportedTypes()
        .Where(IsEvent)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>Whether <paramref name="type"/> is an event contract (see <see cref="Events"/>).</summary>
    public static bool IsEvent(Type type) =>
        type is { IsClass: true, IsAbstract: false, Namespace: { } ns } && PortfolioNamespaces.Contains(ns)
        && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null // a record
        && typeof(IIntegrationEvent).IsAssignableFrom(type);

    /// <summary>The classification declared on an event contract; an event without one is a mistake, not a default.</summary>
    public static ClassifiedAttribute ClassificationOf(Type type) =>
        type.GetCustomAttribute<ClassifiedAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} declares no [Classified(...)]: say who may receive it");

    /// <summary>Every audience a restricted event names (<c>police</c> ...), in order.</summary>
    public static IReadOnlyList<string> Named
        => Events.SelectMany(t => ClassificationOf(t).Audiences).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The event audiences in a token's scopes (each value may itself hold several, space-separated).</summary>
    public static IReadOnlySet<string> FromScopes(IEnumerable<string?> scopes) =>
        scopes.SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(s => s.StartsWith(ScopePrefix, StringComparison.Ordinal) && s.Length > ScopePrefix.Length)
            .Select(s => s[ScopePrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The scope value that grants an audience: <c>intervention.events.police</c>.</summary>
    public static string ScopeOf(string audience) => ScopePrefix + audience;

    /// <summary>Whether an integrator holding <paramref name="audiences"/> may receive <paramref name="eventType"/>.</summary>
    public static bool MayReceive(Type eventType, IReadOnlySet<string> audiences)
    {
        var classified = ClassificationOf(eventType);
        return classified.Classification switch
        {
            EventClassification.Public => true,
            EventClassification.Restricted => classified.Audiences.Any(audiences.Contains),
            _ => false,
        };
    }

    /// <summary>The event contracts an integrator holding <paramref name="audiences"/> may receive.</summary>
    public static IReadOnlyList<Type> ReceivableBy(IReadOnlySet<string> audiences) => Events.Where(t => MayReceive(t, audiences)).ToList();

    /// <summary>The event contract of a full name (<c>Intervention.Contracts.Licensing.LicensingDecisionMade</c>), or null.</summary>
    public static Type? Find(string fullName) => Events.FirstOrDefault(t => t.FullName == fullName);

    /// <summary>The fanout exchange MassTransit publishes an event type to: <c>Intervention.Contracts.Licensing:LicensingDecisionMade</c>.</summary>
    public static string ExchangeOf(Type type) => $"{type.Namespace}:{type.Name}";
}
