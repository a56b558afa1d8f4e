using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Finance.API;
using Finance.API.Forecast;
using Finance.API.Mtfs;
using Intervention.Contracts;
using Intervention.Contracts.Finance.Http;
using Intervention.Seeds.Finance;

// dotnet run -c Release --project bench/finance/Finance.Bench -- --filter '*'   (results: bench/finance/README.md)
BenchmarkSwitcher.FromAssembly(typeof(PlacementForecastBench).Assembly).Run(args);

/// <summary>
/// Every children's event re-makes the placement forecast of each budgeted year over all the spells of those years,
/// so its cost grows with the number of children. Rotherham looked after about 600 children in 2017; the ratio against
/// ten times that says whether the reforecast stays well inside the second the issue allows.
/// </summary>
[Config(typeof(InProcessShortRun)), MemoryDiagnoser]
public class PlacementForecastBench
{
    private static readonly string[] Types = ["U4", "U6", "U1", "K2", "H5", "P1", "A4", "S1"];
    private readonly UnitCosts _costs = new();
    private readonly FinancialYear _year = new(2017);
    private List<Spell> _spells = [];

    [Params(600, 6_000)]
    public int Children { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2017);
        _spells = Enumerable.Range(0, Children).SelectMany(child =>
        {
            // One to three placements each, starting between April 2015 and March 2018.
            var start = new DateOnly(2015, 4, 1).AddDays(random.Next(0, 1_090));
            var moves = random.Next(1, 4);
            return Enumerable.Range(0, moves).Select(m =>
            {
                var from = start.AddDays(m * 120);
                DateOnly? to = m == moves - 1 ? null : from.AddDays(120);
                return new Spell($"child-{child}", Types[random.Next(Types.Length)], random.Next(20) == 0, from, to);
            });
        }).ToList();
    }

    [Benchmark]
    public decimal Forecast() => PlacementForecast.For(_year, _spells, _costs, new DateOnly(2017, 11, 22)).ForecastExcludingStovewood;
}

/// <summary>The MTFS model is computed on every gap, comparison and approval: the seeded three-year strategy.</summary>
[Config(typeof(InProcessShortRun)), MemoryDiagnoser]
public class MtfsModelBench
{
    private IReadOnlyList<Assumption> _assumptions = [];
    private readonly FinancialYear[] _years = [new(2016), new(2017), new(2018)];
    private readonly ReferendumLimits _limits = new();

    [GlobalSetup]
    public void Setup()
    {
        var errors = new Dictionary<string, string[]>();
        _assumptions = MtfsRules.Read(MtfsSeed.Version().Assumptions, _years, "assumptions", errors);
    }

    [Benchmark]
    public decimal SeededGap() => MtfsModel.Gap(_years, _assumptions, _limits, _ => 0m)[^1].CumulativeGap;

    [Benchmark]
    public decimal SeededGapWithTenPercentMoreDemand() =>
        MtfsModel.Gap(_years,
            MtfsRules.Apply(_assumptions, [new Assumption(AssumptionCategory.DemandFactor, null, null, 1.1m, "bench", new DateOnly(2017, 2, 7), true)]),
            _limits, _ => 0m)[^1].CumulativeGap;
}

/// <summary>
/// A short run inside this process: BenchmarkDotNet's generated project would not carry this one's framework reference
/// (the service's packages need ASP.NET Core's shared framework to restore here).
/// </summary>
public sealed class InProcessShortRun : ManualConfig
{
    public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
