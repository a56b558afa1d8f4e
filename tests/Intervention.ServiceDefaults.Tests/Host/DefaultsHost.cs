using Intervention.AppHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Intervention.ServiceDefaults.Security;

namespace Intervention.ServiceDefaults.Tests.Host;

/// <summary>
/// A real service host with the service defaults and nothing of a portfolio, on a loopback port of its own: what every
/// service answers on <c>/health</c>, <c>/openapi/v1.json</c> and to a token, without a database or a broker.
/// </summary>
public sealed class DefaultsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    public DevelopmentTokens Tokens { get; }
    public HttpClient Client { get; }

    private DefaultsHost(WebApplication app, DevelopmentTokens tokens, Uri address)
    {
        _app = app;
        Tokens = tokens;
        Client = new HttpClient { BaseAddress = address };
    }

    public IServiceProvider Services => _app.Services;

    public static async Task<DefaultsHost> StartAsync(string service, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var tokens = DevelopmentTokens.Generate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in tokens.Environment) builder.Configuration[key.Replace("__", ":")] = value;
        builder.AddServiceDefaults(service);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DefaultsHost(app, tokens, new Uri(address + "/"));
    }

    public HttpRequestMessage As(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
