namespace Intervention.Contracts;

/// <summary>
/// What every event a service publishes carries: its own id, which is also the message id (the inbox and integrators
/// deduplicate by it), and when it happened. Implemented by every event contract, so the compiler, not reflection, checks it.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique id of this event (also the message id).</summary>
    Guid EventId { get; }

    /// <summary>When the event happened (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
}
