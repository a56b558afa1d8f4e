using Intervention.AppHost;

// One command brings the whole system up: `dotnet run --project AppHost [-- --gateway-port 5080]`.
using var stop = new StopSignal();
var settings = AppHostSettings.From(args, name => Environment.GetEnvironmentVariable(name));
if (settings.Error is { } error)
{
    Console.Error.WriteLine(error);
    return 2;
}
await using var system = new SystemRun(settings, new ConsoleLog());
return await system.RunAsync(stop.Token);
