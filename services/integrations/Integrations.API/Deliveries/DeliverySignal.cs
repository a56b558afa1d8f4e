using Intervention.Messaging;

namespace Integrations.API.Deliveries;

/// <summary>Wakes the delivery worker when deliveries are queued (an event arrived, a replay), so they need not wait for the poll.</summary>
public sealed class DeliverySignal : WorkSignal;
