using Intervention.Servers;
using Xunit;

namespace Intervention.FunctionalTests.Children;

/// <summary>The children's and governance services as processes over a private broker and PostgreSQL, behind the gateway.</summary>
public sealed class ChildrenSystem : IAsyncLifetime
{
    public RunningSystem System { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;
    /// <summary>Calls through the gateway, with room for a 200 MB upload.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await RunningSystem.StartAsync("children", "governance");
        Gateway = await System.StartGatewayAsync(new Dictionary<string, string> { ["Gateway__Timeout"] = "00:02:00" });
        Http = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        Http.DefaultRequestHeaders.Authorization = new("Bearer", System.TeamsToken);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await System.DisposeAsync();
    }
}
