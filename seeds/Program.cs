using Intervention.Seeds;

// Loads the Rotherham 2015-2018 scenario through the public API (the gateway), never by SQL:
//   dotnet run --project seeds -- --gateway http://localhost:5080
// Safe to run again: what is already there is recognised and skipped.
var options = SeedArguments.Parse(args, Environment.GetEnvironmentVariable("INTERVENTION_GATEWAY"), Environment.GetEnvironmentVariable("INTERVENTION_TOKENS"));
if (options is null)
{
    Console.Error.WriteLine(SeedArguments.Usage);
    return 2;
}
using var http = new HttpClient(new PortfolioTokens(options.Tokens)) { BaseAddress = options.Gateway, Timeout = Timeout.InfiniteTimeSpan };
return await new RotherhamScenario(http, Console.Out, options).LoadAsync();
