using System.ComponentModel.DataAnnotations;

namespace Intervention.Contracts.Integrations.Http;

/// <summary>A subscription as asked for: the endpoint, the event types (full contract names) and an optional description.</summary>
/// <param name="Url">The endpoint deliveries are POSTed to: https (http only to a loopback address, where allowed).</param>
/// <param name="EventTypes">The event types wanted, as full contract names, e.g.
/// <c>Intervention.Contracts.Licensing.LicensingDecisionMade</c>: at most 100.</param>
/// <param name="Description">What the subscription is for.</param>
public sealed record NewSubscription(string? Url, [property: MaxLength(100)] List<string>? EventTypes, string? Description = null);

/// <summary>A subscription as its owner sees it (never with its secret).</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">The endpoint deliveries go to.</param>
/// <param name="EventTypes">The event types it receives.</param>
/// <param name="Description">What it is for.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record SubscriptionView(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt);

/// <summary>
/// A subscription just registered, with its signing secret: shown this once. Each delivery carries <c>webhook-id</c>,
/// <c>webhook-timestamp</c> and <c>webhook-signature</c> (see <see cref="SignatureScheme"/>).
/// </summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">The endpoint deliveries go to.</param>
/// <param name="EventTypes">The event types it receives.</param>
/// <param name="Description">What it is for.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Secret">The signing secret, shown this once.</param>
/// <param name="SignatureScheme">How deliveries are signed with it.</param>
public sealed record RegisteredSubscription(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt,
    string Secret, string SignatureScheme);

/// <summary>An event type the caller may subscribe to, the portfolio that owns its meaning (its contract's namespace) and who may receive it.</summary>
/// <param name="Type">The full contract name.</param>
/// <param name="Portfolio">The owning portfolio, e.g. <c>Licensing</c>.</param>
/// <param name="Classification"><c>Public</c> (any integrator) or <c>Restricted</c> (the audiences named).</param>
/// <param name="Audiences">For a restricted event, the audiences that may receive it (a token scope
/// <c>intervention.events.&lt;audience&gt;</c> each); empty otherwise.</param>
public sealed record EventTypeView(string Type, string Portfolio, EventClassification Classification, IReadOnlyList<string> Audiences);
