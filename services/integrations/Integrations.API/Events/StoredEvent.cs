using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.API.Events;

/// <summary>
/// An event as it arrived from the broker, kept once (by its <c>EventId</c>) so that deliveries, retries and replays all
/// send the same bytes.
/// </summary>
public sealed class StoredEvent
{
    public Guid EventId { get; init; }
    /// <summary>The contract's full name, the CloudEvents <c>type</c>.</summary>
    public required string Type { get; init; }
    /// <summary>The CloudEvents <c>source</c>, <c>/intervention/&lt;portfolio&gt;</c>.</summary>
    public required string Source { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The event serialised with the contract JSON conventions, exactly as it will be sent.</summary>
    public required string Data { get; init; }
    /// <summary>W3C trace context of the consume that stored it (it continues the publishing request's trace).</summary>
    public string? Traceparent { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> b)
    {
        b.ToTable("events");
        b.HasKey(stored => stored.EventId);
        b.Property(stored => stored.Data).HasColumnType("json");
    }
}
