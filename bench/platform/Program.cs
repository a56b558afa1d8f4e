using Intervention.Bench;

// Benchmarks of the running system (issue 9), each one command writing bench/results/<date>-<name>.md:
//   dotnet run -c Release --project bench/platform -- gateway      [--concurrency 16 --seconds 6 --rounds 4 --warmup 8]
//   dotnet run -c Release --project bench/platform -- latency      [--rates 50,200 --seconds 15]
//   dotnet run -c Release --project bench/platform -- throughput   [--events 2000 --rounds 2 --concurrency 8]
//   dotnet run -c Release --project bench/platform -- coldstart    [--runs 3]
//   dotnet run -c Release --project bench/platform -- replicas     [--events 2000 --rounds 2 --concurrency 8]  (one finance consumer against two)
//   dotnet run -c Release --project bench/platform -- portal       [--runs 20 --drivers 150]  (every portal page on the seeded system)
var options = new Options(args);
return args.FirstOrDefault() switch
{
    "gateway" => await GatewayOverhead.RunAsync(options),
    "latency" => await EventLatency.RunAsync(options),
    "throughput" => await EventThroughput.RunAsync(options),
    "coldstart" => await ColdStart.RunAsync(options),
    "replicas" => await EventThroughput.ReplicasAsync(options),
    "portal" => await PortalPages.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        "Usage: dotnet run -c Release --project bench/platform -- gateway|latency|throughput|coldstart|replicas|portal [options]; " +
        "see bench/platform/README.md");
    return 2;
}
