using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Contracts.Integrations.Http;

/// <summary>
/// The integrations API through the gateway (routes under <c>/integrations/api</c>): an integrator's webhook subscriptions,
/// their deliveries and replays, and the event types on offer. Every call acts for the integrator whose token the
/// <see cref="HttpClient"/> carries. Build it with <see cref="InterventionApis.For{TApi}"/> over the gateway's address.
/// </summary>
public interface IIntegrationsApi
{
    /// <summary>Registers a subscription (201); its signing secret is in the answer, shown this once.</summary>
    [Post("/integrations/api/subscriptions")]
    Task<RegisteredSubscription> RegisterSubscriptionAsync([Body] NewSubscription request, CancellationToken cancellationToken = default);

    /// <summary>The caller's subscriptions.</summary>
    [Get("/integrations/api/subscriptions")]
    Task<List<SubscriptionView>> ListSubscriptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>One of the caller's subscriptions.</summary>
    [Get("/integrations/api/subscriptions/{id}")]
    Task<SubscriptionView> GetSubscriptionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Stops a subscription (204); its pending deliveries are dropped.</summary>
    [Delete("/integrations/api/subscriptions/{id}")]
    Task DeleteSubscriptionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A subscription's deliveries, newest first, optionally in one status, at most <paramref name="limit"/> (100 when null).</summary>
    [Get("/integrations/api/subscriptions/{id}/deliveries")]
    Task<List<DeliveryView>> ListDeliveriesAsync(Guid id, DeliveryStatus? status = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Sends again every stored event of the subscription's types from a moment on (202).</summary>
    [Post("/integrations/api/subscriptions/{id}/replay")]
    Task<ReplayQueued> ReplayAsync(Guid id, [Body] ReplayRequest request, CancellationToken cancellationToken = default);

    /// <summary>The event types the caller may subscribe to: public ones, and the restricted ones of the audiences its token carries.</summary>
    [Get("/integrations/api/event-types")]
    Task<List<EventTypeView>> ListEventTypesAsync(CancellationToken cancellationToken = default);
}
