using System.Security.Claims;
using System.Text.Json.Nodes;
using Intervention.ServiceDefaults.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;

namespace Intervention.ServiceDefaults.Security;

/// <summary>
/// Where tokens come from, bound from <c>Auth</c>. Production: the council's OpenID Connect provider (<c>Authority</c> and
/// <c>Audience</c>, e.g. Microsoft Entra ID). Development and tests: a symmetric <c>SigningKey</c> (base64) that the AppHost
/// or the test generates at start, with <c>Issuer</c> and <c>Audience</c>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public string? Authority { get; set; }
    public string Audience { get; set; } = DevelopmentAudience;
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = DevelopmentIssuer;

    public const string DevelopmentIssuer = "intervention-apphost";
    public const string DevelopmentAudience = "intervention";
}

public static class SecurityExtensions
{
    private const string NoSubject = "The token has no subject (sub): every caller must be someone of its own.";

    /// <summary>
    /// JWT bearer on every request but <c>/health</c> and <c>/alive</c>: a service checks each token itself, whoever forwarded
    /// the call. Without an authority or a signing key the service refuses to start rather than run open.
    /// </summary>
    public static IHostApplicationBuilder AddServiceSecurity(this IHostApplicationBuilder builder, ServiceIdentity identity)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(auth => !string.IsNullOrWhiteSpace(auth.Authority) || !string.IsNullOrWhiteSpace(auth.SigningKey),
                $"{identity.Name}: no token issuer is configured. Set Auth__Authority and Auth__Audience (the council's OpenID Connect " +
                "provider), or Auth__SigningKey (base64, development: the AppHost generates one).")
            .ValidateOnStart();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // The handler's options are configured from the bound AuthOptions when first asked for, as ASP.NET Core configures a scheme.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => ConfigureJwtBearer(jwt, auth.Value));

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditRefusals>();
        builder.Services.AddAuthorization(authorization =>
        {
            // Anything mapped without a policy still needs a valid token.
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            if (identity.Portfolio is { } portfolio)
                foreach (var access in Enum.GetValues<Access>())
                    authorization.AddPolicy(AccessPolicies.PolicyName(access),
                        p => p.RequireAuthenticatedUser().RequireRole(AccessPolicies.RolesFor(access, portfolio)));
        });
        return builder;
    }

    /// <summary>Checks a token against the council's provider (<c>Auth:Authority</c>) or the development signing key.</summary>
    private static void ConfigureJwtBearer(JwtBearerOptions jwt, AuthOptions options)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudience = options.Audience,
            RoleClaimType = "roles",
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        // Every caller must be someone: the subject owns webhook subscriptions, names the audit trail's lines and keys
        // rate limits. Tokens without one would all share a single owner.
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value)) context.Fail(NoSubject);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                if (context.AuthenticateFailure?.Message != NoSubject) return;
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"the token has no subject (sub)\"";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = NoSubject },
                });
            },
        };
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            jwt.Authority = options.Authority;
            jwt.Audience = options.Audience;
        }
        else
        {
            jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey!));
        }
    }

    /// <summary>
    /// The group every API endpoint of a portfolio service is mapped on: an endpoint that names no access gets
    /// <see cref="Access.Read"/> for GET and <see cref="Access.Write"/> for anything else, so nothing is left open by omission.
    /// </summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").AuditChanges();
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAuthorizeData>().Any() || endpoint.Metadata.OfType<IAllowAnonymous>().Any()) return;
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var access = methods.Count > 0 && methods.All(m => m is "GET" or "HEAD") ? Access.Read : Access.Write;
            endpoint.Metadata.Add(new AuthorizeAttribute(AccessPolicies.PolicyName(access)));
        });
        api.MapAuditTrail();
        return api;
    }

    /// <summary>Names the access an endpoint gives (see <see cref="Access"/>).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, Access access) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.PolicyName(access));

    /// <summary>Who the caller is, for audit trails and ownership: the token's subject (a token without one is refused).</summary>
    public static string CallerName(this ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous";

    /// <summary>
    /// Adds <c>x-access</c> and <c>x-roles</c> to each operation of the OpenAPI document, from the endpoint's policy:
    /// the list the authorisation matrix test is generated from.
    /// </summary>
    internal static void AddAccessToOpenApi(OpenApiOptions openApi, ServiceIdentity identity)
    {
        openApi.AddOperationTransformer((operation, context, _) =>
        {
            var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null)
                .Distinct().ToList();
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            var accesses = Enum.GetValues<Access>().Where(a => policies.Contains(AccessPolicies.PolicyName(a))).ToList();
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            if (anonymous) operation.Extensions["x-access"] = new JsonNodeExtension(JsonValue.Create("anonymous"));
            else if (accesses.Count == 1 && identity.Portfolio is { } portfolio)
            {
                operation.Extensions["x-access"] = new JsonNodeExtension(JsonValue.Create(accesses[0].ToString()));
                var roles = AccessPolicies.RolesFor(accesses[0], portfolio).Select(role => (JsonNode)JsonValue.Create(role)!).ToArray();
                operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray(roles));
            }
            // A service without a portfolio names its own policies (integrations: "integrator").
            else if (accesses.Count == 0 && policies is [var policy])
                operation.Extensions["x-access"] = new JsonNodeExtension(JsonValue.Create("policy:" + policy));
            return Task.CompletedTask;
        });
    }
}
