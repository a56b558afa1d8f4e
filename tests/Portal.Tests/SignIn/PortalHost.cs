using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Portal.Tests.SignIn;

/// <summary>The portal on an in-memory server with the settings a test gives (no gateway, no identity provider is reached).</summary>
public sealed class PortalHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null) // Any public type of the portal's assembly names its entry point (the gateway's Program is public too).
    : WebApplicationFactory<Intervention.Portal.SignIn.ApiTokens>
{
    public static readonly string SigningKey = Convert.ToBase64String(new byte[32]);

    public static PortalHost Development() => new(new() { ["Auth:SigningKey"] = SigningKey });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseSetting("services:gateway:http:0", "http://127.0.0.1:9");
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>A browser-like client that does not follow redirects, so a test sees where it is sent.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
