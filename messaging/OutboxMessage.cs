using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intervention.Messaging;

/// <summary>An event waiting in the outbox, or already published (kept as the record of what was sent).</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public long Sequence { get; private set; }
    public required string MessageType { get; init; }
    public required string Body { get; init; }
    public string? Traceparent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Sequence).ValueGeneratedOnAdd();
        b.Property(m => m.Body).HasColumnType("jsonb");
    }
}

/// <summary>A message a consumer has had its effect for.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.ToTable("inbox_messages");
        b.HasKey(m => new { m.MessageId, m.Consumer });
    }
}

/// <summary>The outbox and the inbox as sets of the service's <see cref="ServiceDb"/>.</summary>
public static class MessagingTables
{
    extension(ServiceDb db)
    {
        public DbSet<OutboxMessage> OutboxMessages => db.Set<OutboxMessage>();
        public DbSet<InboxMessage> InboxMessages => db.Set<InboxMessage>();
    }

    internal static void Configure(ModelBuilder model)
    {
        model.ApplyConfiguration(new OutboxMessageConfiguration());
        model.ApplyConfiguration(new InboxMessageConfiguration());
    }
}
