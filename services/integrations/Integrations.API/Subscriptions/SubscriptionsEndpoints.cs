using System.Diagnostics;
using Integrations.API.Events;
using Integrations.API.Infrastructure;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Integrations.API.Deliveries;
using Intervention.Contracts;
using Intervention.ServiceDefaults.Http;

namespace Integrations.API.Subscriptions;

public static class SubscriptionsEndpoints
{
    public const string Scheme =
        "Standard Webhooks: webhook-signature is 'v1,' + base64(HMAC-SHA256(key, webhook-id + '.' + webhook-timestamp + '.' + body)), " +
        "key = base64-decoded secret after 'whsec_'; webhook-timestamp is Unix seconds (refuse one more than 5 minutes away)";

    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/subscriptions").WithTags("Subscriptions").RequireAuthorization(IntegrationsModule.IntegratorPolicy);
        group.MapPost("/", Register).WithName("RegisterSubscription")
            .WithSummary("Register an https endpoint for some event types; answers the signing secret, once")
            .WithDescription("Events are posted as CloudEvents 1.0 (structured JSON, application/cloudevents+json), signed as " + Scheme + ". " +
                             "A failed delivery is retried with exponential back-off for 24 hours, then parked.");
        group.MapGet("/", List).WithName("ListSubscriptions").WithSummary("The caller's subscriptions");
        group.MapGet("/{id:guid}", Get).WithName("GetSubscription").WithSummary("One of the caller's subscriptions");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteSubscription").WithSummary("Stop a subscription; its pending deliveries are dropped");

        app.MapGet("/api/event-types", (HttpContext http) => TypedResults.Ok(EventTypes(http.User.AudiencesOf())))
            .WithName("ListEventTypes").WithTags("Subscriptions")
            .WithSummary("The event types the caller may subscribe to: the public ones, and the restricted ones of the audiences in its token's scope " +
                "(intervention.events.<audience>)")
            .RequireAuthorization(IntegrationsModule.IntegratorPolicy);
        return app;
    }

    /// <summary>What an owner holding <paramref name="audiences"/> may subscribe to, with who may receive each.</summary>
    internal static List<EventTypeView> EventTypes(IReadOnlySet<string> audiences) => EventContracts.All
        .Where(contract => EventAudiences.MayReceive(contract, audiences))
        .Select(contract => new EventTypeView(contract.FullName!, EventContracts.PortfolioOf(contract), EventAudiences.ClassificationOf(contract)
            .Classification, EventAudiences.ClassificationOf(contract).Audiences))
        .ToList();

    private static async Task<Results<Created<RegisteredSubscription>, ValidationProblem, ProblemHttpResult>> Register(
        NewSubscription request, IntegrationsDb db, IOptions<SubscriptionOptions> options, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var registered = Subscription.Register(request, http.User.CallerName(), http.User.AudiencesOf(), options.Value, WebhookSignature.NewSecret(), now);
        if (registered.Changes is not { } subscription) return registered.Refused!.NamesFields ? registered.Refused.AsValidationProblem()
            : registered.Refused.AsProblem();
        db.Add(subscription);
        Audit(db, http, now, "POST /api/subscriptions", $"/api/subscriptions/{subscription.Id}", 201);
        await db.SaveChangesAsync(ct);
        var answer = new RegisteredSubscription(
            subscription.Id, subscription.Url, subscription.EventTypes, subscription.Description, subscription.CreatedAt, subscription.Secret, Scheme);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", answer);
    }

    private static async Task<Ok<List<SubscriptionView>>> List(IntegrationsDb db, HttpContext http, CancellationToken ct)
    {
        var owner = http.User.CallerName();
        var list = await db.Subscriptions.AsNoTracking().Where(subscription => subscription.Owner == owner)
            .OrderBy(subscription => subscription.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(list.Select(View).ToList());
    }

    private static async Task<Results<Ok<SubscriptionView>, NotFound>> Get(Guid id, IntegrationsDb db, HttpContext http, CancellationToken ct) =>
        await db.FindOwnedAsync(id, http, ct) is { } subscription ? TypedResults.Ok(View(subscription)) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, IntegrationsDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await db.FindOwnedAsync(id, http, ct) is not { } subscription) return TypedResults.NotFound();
        db.Subscriptions.Remove(subscription); // its deliveries go with it (ON DELETE CASCADE)
        Audit(db, http, clock.GetUtcNow(), "DELETE /api/subscriptions/{id}", $"/api/subscriptions/{id}", 204);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's own subscription, or null: someone else's is as good as missing.</summary>
    internal static Task<Subscription?> FindOwnedAsync(this IntegrationsDb db, Guid id, HttpContext http, CancellationToken ct)
    {
        var owner = http.User.CallerName();
        return db.Subscriptions.FirstOrDefaultAsync(subscription => subscription.Id == id && subscription.Owner == owner, ct);
    }

    /// <summary>A change through the API, in the service's audit trail, saved with the change itself.</summary>
    internal static void Audit(IntegrationsDb db, HttpContext http, DateTimeOffset at, string what, string resource, int status) =>
        db.Add(new AuditEntry
        {
            At = at, Actor = http.User.CallerName(), Action = "change", What = what, Resource = resource, Status = status,
            TraceId = Activity.Current?.TraceId.ToString(),
        });

    private static SubscriptionView View(Subscription s) => new(s.Id, s.Url, s.EventTypes, s.Description, s.CreatedAt);
}
