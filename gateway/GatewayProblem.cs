using Microsoft.AspNetCore.Mvc;

namespace Intervention.Gateway;

/// <summary>The gateway's own answers (a refused body, a limit, a failed forward) in the one error format: RFC 9457 problem details.</summary>
internal static class GatewayProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
