using Integrations.API.Events;
using Intervention.Contracts;
using Intervention.ServiceDefaults.Http;
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

    /// <summary>
    /// Registers an integrator's endpoint for some event types, signed with <paramref name="secret"/>. Refused (400) when the
    /// request breaks <see cref="SubscriptionRules.Check"/>, and (403) when it names an event its owner's audiences may not
    /// receive: child-level events go to no integrator, a restricted event only to a token whose scope names its audience.
    /// </summary>
    /// <param name="request">The subscription asked for.</param>
    /// <param name="owner">Who asks (the token's subject).</param>
    /// <param name="audiences">The event audiences the owner's token grants.</param>
    /// <param name="settings">Whether http to a loopback address is allowed.</param>
    /// <param name="secret">The new signing secret.</param>
    /// <param name="now">The instant it is registered.</param>
    public static Decision<Subscription> Register(
        NewSubscription request, string owner, IReadOnlySet<string> audiences, SubscriptionOptions settings, string secret, DateTimeOffset now)
    {
        // Every contract is a known type (an internal one is refused below, not called unknown).
        var known = EventAudiences.Events.Select(contract => contract.FullName!).ToList();
        var errors = SubscriptionRules.Check(request, known, settings.AllowHttpLoopback);
        if (errors.Count > 0) return Refusal.OfFields(errors);
        if (SubscriptionRules.NotReceivable(request.EventTypes!, audiences) is { Count: > 0 } refused)
            return Refusal.ForbiddenByRule(SubscriptionRules.NotReceivableRule,
                $"Your token may not receive {string.Join(", ", refused)}: child-level events go to no integrator, and a restricted event only to a token " +
                "whose scope names its audience (intervention.events.<audience>). GET /api/event-types lists what you may receive.",
                new Dictionary<string, object?> { ["eventTypes"] = refused });
        return new Subscription
        {
            Id = Guid.CreateVersion7(now),
            Owner = owner,
            Url = request.Url!.Trim(),
            EventTypes = request.EventTypes!.Distinct().Order(StringComparer.Ordinal).ToArray(),
            Audiences = audiences.Order(StringComparer.Ordinal).ToArray(),
            Secret = secret,
            Description = request.Description,
            CreatedAt = now,
        };
    }

    /// <summary>The subscription's event types that its owner may (still) receive: a contract classified more strictly since is left out.</summary>
    public string[] ReceivableTypes()
    {
        var audiences = Audiences.ToHashSet();
        return EventTypes.Where(type => EventContracts.MayReceive(type, audiences)).ToArray();
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.Property(subscription => subscription.EventTypes).HasColumnType("text[]");
        b.Property(subscription => subscription.Audiences).HasColumnType("text[]");
    }
}
