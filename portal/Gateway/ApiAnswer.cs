using System.Net;
using System.Text.Json;
using Intervention.Contracts;
using Microsoft.AspNetCore.Mvc;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Intervention.Portal.Gateway;

/// <summary>Why a page could not show what it asked an API for, in words a person can act on.</summary>
public enum ApiTrouble
{
    /// <summary>The signed-in role may not see it (the API's 403): a plain message, not an error.</summary>
    NotForYourRole,
    /// <summary>The service is down or not answering (the gateway's 502 or 504, or no answer): this part of the page says so; the rest works.</summary>
    ServiceUnavailable,
    /// <summary>The API refused the request and said why (problem details).</summary>
    Refused,
}

/// <summary>What an API answered a page: the value, or the trouble in plain words.</summary>
public sealed record ApiAnswer<T>(T? Value, ApiTrouble? Trouble, string? Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Ok => Trouble is null;
}

/// <summary>Asks an API and turns its refusals and its absence into <see cref="ApiAnswer{T}"/>: a page never fails with a 500 because a service did.</summary>
public static class Ask
{
    public static async Task<ApiAnswer<T>> Api<T>(string service, Func<Task<T>> call)
    {
        try
        {
            return new ApiAnswer<T>(await call(), null, null);
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Forbidden)
        {
            return new ApiAnswer<T>(default, ApiTrouble.NotForYourRole, $"Your role cannot see {service}'s records. Ask the {service} team if you need them.");
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            return Unavailable<T>(service);
        }
        catch (ApiException e)
        {
            var problem = ProblemOf(e.Content);
            return new ApiAnswer<T>(default, ApiTrouble.Refused,
                problem?.Detail ?? problem?.Title ?? $"The {service} service refused the request ({(int)e.StatusCode}).",
                problem?.Errors is { Count: > 0 } errors ? new Dictionary<string, string[]>(errors) : null);
        }
        // Refit wraps a failed send (refused, reset, timed out) in ApiRequestException.
        catch (Exception e)
            when (e is ApiRequestException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException)
        {
            return Unavailable<T>(service);
        }
    }

    private static ApiAnswer<T> Unavailable<T>(string service) =>
        new(default, ApiTrouble.ServiceUnavailable,
            $"The {service} service is not answering at the moment, so this part of the page cannot be shown. " +
            "The rest of the portal still works; try again in a few minutes.");

    private static HttpValidationProblemDetails? ProblemOf(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try
        {
            return JsonSerializer.Deserialize<HttpValidationProblemDetails>(content, ContractJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
