using Refit;

namespace Intervention.Seeds;

/// <summary>What a failed call says on the seeds' output: the request, the status and the problem details the service gave.</summary>
public static class SeedFailure
{
    public static string Describe(Exception e) => e switch
    {
        ApiException answer => $"{answer.HttpMethod} {PathOf(answer.Uri)} answered {(int)answer.StatusCode}: {answer.Content}",
        // Refit wraps what happened before any answer (no token, no connection, no answer within 30 s).
        ApiRequestException request => $"{request.HttpMethod} {PathOf(request.Uri)}: {request.InnerException?.Message ?? request.Message}",
        _ => e.Message,
    };

    private static string? PathOf(Uri? uri) => uri is null ? null : uri.IsAbsoluteUri ? uri.PathAndQuery.TrimStart('/') : uri.OriginalString;
}
