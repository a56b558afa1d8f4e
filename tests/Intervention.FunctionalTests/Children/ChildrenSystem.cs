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
        var elsewhere = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
        Gateway = ServiceProcess.Start("gateway", BuildOutput.Assembly("gateway"), ServiceProcess.FreePort(), new Dictionary<string, string>
        {
            ["services__children__http__0"] = System["children"].BaseAddress.ToString(),
            ["services__governance__http__0"] = System["governance"].BaseAddress.ToString(),
            ["services__licensing__http__0"] = elsewhere,
            ["services__finance__http__0"] = elsewhere,
            ["Gateway__Timeout"] = "00:02:00",
        });
        await Gateway.WaitHealthyAsync(TimeSpan.FromSeconds(60), path: "alive");
        Http = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await System.DisposeAsync();
    }
}
