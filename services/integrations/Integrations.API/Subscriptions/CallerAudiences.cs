using System.Security.Claims;
using Intervention.Contracts;

namespace Integrations.API.Subscriptions;

/// <summary>The event audiences a caller's token grants (see <see cref="EventAudiences"/>).</summary>
public static class CallerAudiences
{
    /// <summary>
    /// The values of the token's <c>scope</c> claim under <c>intervention.events.</c> (Microsoft Entra ID writes the claim
    /// <c>scp</c>: read too). None means public events only.
    /// </summary>
    public static IReadOnlySet<string> AudiencesOf(this ClaimsPrincipal user) =>
        EventAudiences.FromScopes(user.FindAll("scope").Concat(user.FindAll("scp")).Select(claim => claim.Value));
}
