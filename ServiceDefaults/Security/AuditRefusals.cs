using System.Diagnostics;
using Intervention.ServiceDefaults.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Intervention.ServiceDefaults.Security;

/// <summary>
/// A refused attempt at a personal record (an endpoint of <see cref="Access.Personal"/> answered 403) goes to the audit
/// trail, as a read of one does: who tried, what, when, refused. Someone probing drivers' or children's records shows there
/// before they find a way in.
/// </summary>
internal sealed class AuditRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.GetEndpoint() is RouteEndpoint endpoint
            && endpoint.Metadata.OfType<IAuthorizeData>().Any(a => a.Policy == AccessPolicies.PolicyName(Access.Personal))
            && context.RequestServices.GetService<ServiceDb>() is { } db)
        {
            db.Add(new AuditEntry
            {
                At = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), Actor = context.User.CallerName(), Action = "refused",
                What = $"{context.Request.Method} {endpoint.RoutePattern.RawText}", Resource = context.Request.Path.Value,
                Status = StatusCodes.Status403Forbidden, TraceId = Activity.Current?.TraceId.ToString(),
            });
            await db.SaveChangesAsync(context.RequestAborted);
        }
        await _answer.HandleAsync(next, context, policy, result);
    }
}
