namespace Intervention.Contracts.Integrations.Http;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not yet accepted by the subscriber: waiting for its next attempt.</summary>
    Pending,
    /// <summary>The subscriber answered 2xx.</summary>
    Delivered,
    /// <summary>Still refused when its retry window ended: kept, visible, and sent again only by a replay.</summary>
    Parked,
}

/// <summary>One delivery of one event to a subscription, with its attempts so far.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="EventId">The event delivered.</param>
/// <param name="EventType">The event's full contract name.</param>
/// <param name="OccurredAt">When the event occurred.</param>
/// <param name="Status">Where the delivery stands.</param>
/// <param name="Replay">Whether a replay queued it.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="QueuedAt">When it was queued.</param>
/// <param name="LastAttemptAt">When it was last tried.</param>
/// <param name="NextAttemptAt">When it will be tried next, while pending.</param>
/// <param name="LastStatusCode">The subscriber's last HTTP status, if it answered.</param>
/// <param name="LastError">The last failure, in words.</param>
/// <param name="DeliveredAt">When the subscriber accepted it.</param>
/// <param name="ParkedAt">When it was parked.</param>
public sealed record DeliveryView(Guid Id, Guid EventId, string EventType, DateTimeOffset OccurredAt, DeliveryStatus Status, bool Replay, int Attempts,
    DateTimeOffset QueuedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, int? LastStatusCode, string? LastError,
    DateTimeOffset? DeliveredAt, DateTimeOffset? ParkedAt);

/// <summary>Send again every stored event of the subscription's types that occurred at or after <c>from</c>.</summary>
/// <param name="From">The earliest occurrence to send again.</param>
public sealed record ReplayRequest(DateTimeOffset? From);

/// <summary>How many deliveries a replay queued.</summary>
/// <param name="From">The earliest occurrence sent again.</param>
/// <param name="Queued">Deliveries queued.</param>
public sealed record ReplayQueued(DateTimeOffset From, int Queued);
