namespace Integrations.API.Deliveries;

/// <summary>
/// What a subscriber is told about a failed delivery attempt (the <c>lastError</c> of its deliveries): that it failed and,
/// when the subscriber answered, with which status, never what the network said. "Connection refused" against a timeout
/// against a TLS failure would tell a subscriber which ports are open where its URL points; the details go to our logs.
/// </summary>
public static class DeliveryFailure
{
    /// <summary>The one text for every attempt that got no HTTP answer: refused, unreachable, unresolved, TLS, reset or timed out.</summary>
    public const string NoAnswer = "delivery failed: no answer";

    /// <summary>The text for an attempt that got no HTTP answer: the address filter's refusal (our decision, which reveals nothing of the network),
    /// else <see cref="NoAnswer"/>.</summary>
    public static string ForSubscriber(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is PublicAddresses.AddressRefusedException)
                return "refused: the host is not a public internet address; webhooks go outside the council's network only";
        return NoAnswer;
    }

    /// <summary>The text for an attempt the subscriber answered with a status that is not a success (its reason phrase is its own text: left out).</summary>
    public static string Answered(int status) => $"delivery failed: answered {status}";
}
