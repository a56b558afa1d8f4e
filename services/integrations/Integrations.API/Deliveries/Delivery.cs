using Integrations.API.Events;
using Integrations.API.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.API.Deliveries;

/// <summary>One event to one subscription: queued when the event arrives (or by a replay), tried until delivered or parked.</summary>
public sealed class Delivery
{
    public Guid Id { get; init; }
    public Guid SubscriptionId { get; init; }
    public Guid EventId { get; init; }
    public DeliveryStatus Status { get; set; }
    /// <summary>Queued by a replay rather than by the event's arrival.</summary>
    public bool Replay { get; init; }
    /// <summary>When it was queued: its retry window starts here.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ParkedAt { get; set; }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.ToTable("deliveries");
        b.HasOne<Subscription>().WithMany().HasForeignKey(delivery => delivery.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredEvent>().WithMany().HasForeignKey(delivery => delivery.EventId);
        b.Property(delivery => delivery.Status).HasConversion<string>();
    }
}
