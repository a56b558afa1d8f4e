using System.Net;
using System.Text.Json;
using Refit;
using Xunit;

namespace Intervention.FunctionalTests;

/// <summary>
/// A well-formed typed call (<see cref="AspireSystem.Api{TApi}"/>) that the API must refuse, and the problem details it answers:
/// the request is the contract's, so it still compiles against it; the answer is read as written on the wire.
/// </summary>
public static class Refused
{
    /// <summary>Asserts that <paramref name="call"/> is refused with 409 naming <paramref name="rule"/>; returns the problem.</summary>
    public static async Task<JsonElement> ByRuleAsync(Func<Task> call, string rule)
    {
        var problem = await WithAsync(call, HttpStatusCode.Conflict, $"409 {rule}");
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    /// <summary>Asserts that a typed call answering its status (<see cref="IApiResponse"/>) was refused with 409 naming <paramref name="rule"/>; returns the problem.</summary>
    public static JsonElement ByRule(IApiResponse response, string rule)
    {
        var refused = response.Error as ApiException;
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"expected 409 {rule}, got {(int)response.StatusCode}: {refused?.Content}");
        Assert.Equal("application/problem+json", response.ContentHeaders?.ContentType?.MediaType);
        var problem = JsonDocument.Parse(refused!.Content!).RootElement.Clone();
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    /// <summary>Asserts that <paramref name="call"/> is answered with <paramref name="status"/> as problem details; returns the problem.</summary>
    public static async Task<JsonElement> WithAsync(Func<Task> call, HttpStatusCode status, string? expected = null)
    {
        // Refit throws ValidationApiException, an ApiException, for a problem+json answer.
        var refused = await Assert.ThrowsAnyAsync<ApiException>(call);
        Assert.True(refused.StatusCode == status, $"expected {expected ?? ((int)status).ToString()}, got {(int)refused.StatusCode}: {refused.Content}");
        Assert.Equal("application/problem+json", refused.ContentHeaders?.ContentType?.MediaType);
        return JsonDocument.Parse(refused.Content!).RootElement.Clone();
    }
}

/// <summary>The answer of a typed call whose status itself says something (201 recorded, 200 already recorded).</summary>
public static class Answered
{
    /// <summary>Asserts that <paramref name="response"/> has <paramref name="status"/>; returns its body.</summary>
    public static T With<T>(IApiResponse<T> response, HttpStatusCode status, string what)
    {
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {(response.Error as ApiException)?.Content}");
        return response.Content!;
    }
}
