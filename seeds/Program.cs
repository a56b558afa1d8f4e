using Intervention.Seeds;
using Intervention.Seeds.Children;

// Loads the Rotherham 2015-2018 scenario through the public API (the gateway), never by SQL:
//   dotnet run --project seeds -- --gateway http://localhost:5080
// Safe to run again: what is already there is recognised and skipped.
// The children's synthetic 903 year: dotnet run --project seeds -- children --gateway http://localhost:5080
var children = args.Length > 0 && args[0] == "children";
var gateway = SeedArguments.Gateway(children ? args[1..] : args, Environment.GetEnvironmentVariable("INTERVENTION_GATEWAY"));
if (gateway is null)
{
    Console.Error.WriteLine("Usage: dotnet run --project seeds -- --gateway http://localhost:5080");
    return 2;
}
using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
if (children) return await new ChildrenScenario(http, Console.Out).LoadAsync();
return await new RotherhamScenario(http, Console.Out).LoadAsync();
