using Intervention.Contracts;

namespace Integrations.API.Subscriptions;

/// <summary>Settings of subscriptions (section <c>Integrations</c>).</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Integrations";
    /// <summary>Allows <c>http://</c> to a loopback address (tests, development). Production sends over https only.</summary>
    public bool AllowHttpLoopback { get; set; }
}

/// <summary>
/// What a subscription must be before anything is sent anywhere: an absolute https URL without credentials (http only to a
/// loopback address, and only when allowed), at least one event type, each a published contract.
/// </summary>
public static class SubscriptionRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 200;

    /// <summary>The problems with <paramref name="request"/>, by JSON field; empty when it may be registered.</summary>
    public static Dictionary<string, string[]> Check(NewSubscription request, IReadOnlyCollection<string> knownEventTypes, bool allowHttpLoopback)
    {
        var errors = new Dictionary<string, string[]>();
        if (UrlProblem(request.Url, allowHttpLoopback) is { } url) errors["url"] = [url];

        if (request.EventTypes is not { Count: > 0 })
            errors["eventTypes"] = ["must name at least one event type, e.g. " + knownEventTypes.FirstOrDefault()];
        else
        {
            var unknown = request.EventTypes.Where(type => !knownEventTypes.Contains(type)).Distinct().ToList();
            var quoted = string.Join(", ", unknown.Select(name => $"'{name}'"));
            if (unknown.Count > 0) errors["eventTypes"] = [$"unknown event type {quoted}; known: {string.Join(", ", knownEventTypes)}"];
        }

        if (request.Description is { Length: > MaxDescriptionLength })
            errors["description"] = [$"must be at most {MaxDescriptionLength} characters"];
        return errors;
    }

    /// <summary>The rule a subscription to an event its owner may not receive breaks (a 403).</summary>
    public const string NotReceivableRule = "event-type-not-receivable";

    /// <summary>
    /// The event types of <paramref name="eventTypes"/> that an owner holding <paramref name="audiences"/> may not receive:
    /// internal ones always, restricted ones without their audience.
    /// </summary>
    public static IReadOnlyList<string> NotReceivable(IEnumerable<string> eventTypes, IReadOnlySet<string> audiences) =>
        eventTypes.Distinct().Where(type => EventAudiences.Find(type) is not { } contract || !EventAudiences.MayReceive(contract, audiences))
            .Order(StringComparer.Ordinal).ToList();

    private static string? UrlProblem(string? url, bool allowHttpLoopback)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is required: the https URL events are posted to";
        if (url.Length > MaxUrlLength) return $"must be at most {MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            return "must be an absolute https URL, e.g. https://example.org/hooks/intervention";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "must not carry credentials: deliveries are signed instead";
        if (uri.Scheme == "http" && !(allowHttpLoopback && uri.IsLoopback))
            return allowHttpLoopback
                ? "must be https (http is allowed to a loopback address only)"
                : "must be https: events leave the council's network signed and encrypted";
        return null;
    }
}
