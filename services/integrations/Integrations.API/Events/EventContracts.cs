using System.Reflection;
using System.Text.RegularExpressions;
using Intervention.Contracts;
using Intervention.Contracts.Governance;

namespace Integrations.API.Events;

/// <summary>
/// Every event the portfolios publish, found in Intervention.Contracts rather than listed by hand: the records in an
/// <c>Intervention.Contracts.&lt;Portfolio&gt;</c> namespace with a <c>Guid EventId</c> and a <c>DateTimeOffset OccurredAt</c>.
/// A new contract is consumed, stored and offered to subscribers without a change here.
/// </summary>
public static partial class EventContracts
{
    private static readonly HashSet<string> PortfolioNamespaces =
        Enum.GetNames<Portfolio>().Select(p => $"Intervention.Contracts.{p}").ToHashSet(StringComparer.Ordinal);

    /// <summary>The event contracts, by full name.</summary>
    public static IReadOnlyList<Type> All { get; } = typeof(ContractJson).Assembly.GetExportedTypes()
        .Where(IsEvent)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The full names a subscription may ask for, e.g. <c>Intervention.Contracts.Licensing.LicensingDecisionMade</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.FullName!).ToList();

    /// <summary>Whether <paramref name="type"/> is an event contract (see the class summary).</summary>
    public static bool IsEvent(Type type) =>
        type is { IsClass: true, IsAbstract: false, Namespace: { } ns } && PortfolioNamespaces.Contains(ns)
        && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null // a record
        && type.GetProperty("EventId")?.PropertyType == typeof(Guid)
        && type.GetProperty("OccurredAt")?.PropertyType == typeof(DateTimeOffset);

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
