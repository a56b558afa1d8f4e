using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.API.Subscriptions;

/// <summary>An integrator's endpoint and the event types it receives there, signed with its own secret.</summary>
public sealed class Subscription
{
    public Guid Id { get; init; }
    /// <summary>Who registered it (the token's subject): only they see or change it.</summary>
    public required string Owner { get; init; }
    public required string Url { get; init; }
    public required string[] EventTypes { get; init; }
    /// <summary>The event audiences the owner's token granted at registration (empty: public events only); checked again at delivery.</summary>
    public string[] Audiences { get; init; } = [];
    /// <summary>The signing secret (<c>whsec_</c> + base64 of 32 random bytes), returned once, at registration.</summary>
    public required string Secret { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.Property(s => s.EventTypes).HasColumnType("text[]");
        b.Property(s => s.Audiences).HasColumnType("text[]");
    }
}
