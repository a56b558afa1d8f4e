using System.Text.RegularExpressions;
using Intervention.Contracts;

namespace Integrations.API.Events;

/// <summary>
/// The events some integrator may receive: every contract of <see cref="EventAudiences.Events"/> (found, not listed by hand)
/// but the internal ones, which this service never consumes, so that child-level events are not even stored here. A new
/// contract is consumed, stored and offered to the subscribers its classification allows without a change here.
/// </summary>
public static partial class EventContracts
{
    /// <summary>The event contracts offered to integrators, by full name.</summary>
    public static IReadOnlyList<Type> All { get; } =
        EventAudiences.Events.Where(contract => EventAudiences.ClassificationOf(contract).Classification != EventClassification.Internal).ToList();

    /// <summary>The full names of those, e.g. <c>Intervention.Contracts.Licensing.LicensingDecisionMade</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(contract => contract.FullName!).ToList();

    /// <summary>Whether an owner holding <paramref name="audiences"/> may receive events of the contract named <paramref name="type"/>.</summary>
    public static bool MayReceive(string type, IReadOnlySet<string> audiences) =>
        All.FirstOrDefault(known => known.FullName == type) is { } contract && EventAudiences.MayReceive(contract, audiences);

    /// <summary>This service's queue for an event: <c>integrations-&lt;event&gt;</c> in kebab case (<c>integrations-licensing-decision-made</c>).</summary>
    public static string QueueName(Type type) => "integrations-" + Words().Replace(type.Name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Words();

    /// <summary>
    /// The CloudEvents <c>source</c>: <c>/intervention/&lt;portfolio&gt;</c> of the service that published the event. An event
    /// that names its publisher (<c>DecisionRecorded.SourceService</c>: every service publishes it) says so; otherwise the
    /// contract's namespace is its publisher's portfolio.
    /// </summary>
    public static string SourceOf(object @event)
    {
        var type = @event.GetType();
        var publisher = type.GetProperty("SourceService")?.GetValue(@event) as string;
        return string.IsNullOrWhiteSpace(publisher) ? SourceOfContract(type) : "/intervention/" + publisher.Trim().ToLowerInvariant();
    }

    /// <summary>The portfolio that owns a contract's meaning, by its namespace: <c>Licensing</c> for <c>Intervention.Contracts.Licensing</c>.</summary>
    public static string PortfolioOf(Type type)
    {
        var ns = type.Namespace ?? throw new ArgumentException($"{type} has no namespace", nameof(type));
        return ns[(ns.LastIndexOf('.') + 1)..];
    }

    private static string SourceOfContract(Type type) => "/intervention/" + PortfolioOf(type).ToLowerInvariant();
}
