using Intervention.ServiceDefaults.Security;
using Children.API.Infrastructure;
using Intervention.Contracts.Children;
using Intervention.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Children.API.Kpis;

public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kpis").WithTags("KPIs");
        group.MapGet("/", Get).WithName("GetKpis").RequireAccess(Access.Aggregate)
            .WithSummary("Each KPI as at a date with its numerator, denominator and definition (asAt=yyyy-MM-dd, default today)");
        group.MapPost("/publications", Publish).WithName("PublishKpis")
            .WithSummary("Publish the KPIs as at a date as KpisPublished (aggregates only)");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<Kpi>>, ValidationProblem>> Get(
        string? asAt, ChildrenDb db, KpiCalculator calculator, TimeProvider clock, CancellationToken ct)
    {
        if (!TryDay(asAt, clock, out var day)) return Invalid();
        var kpis = calculator.Calculate(await KpiData.LoadAsync(db, ct), day);
        KpiRefreshes.Add(1, new KeyValuePair<string, object?>("kind", "read"));
        return TypedResults.Ok(kpis);
    }

    private static async Task<Results<Accepted<IReadOnlyList<Kpi>>, ValidationProblem>> Publish(
        string? asAt, ChildrenDb db, KpiCalculator calculator, TimeProvider clock, CancellationToken ct)
    {
        if (!TryDay(asAt, clock, out var day)) return Invalid();
        var kpis = calculator.Calculate(await KpiData.LoadAsync(db, ct), day);
        var now = clock.GetUtcNow();
        db.AddEvent(KpiPublication.Of(kpis, day, now), now);
        await db.SaveChangesAsync(ct);
        KpiRefreshes.Add(1, new KeyValuePair<string, object?>("kind", "published"));
        return TypedResults.Accepted($"/api/kpis?asAt={day:yyyy-MM-dd}", kpis);
    }

    /// <summary>KPI refreshes (meter <c>Intervention.Children</c>): every calculation, read or published.</summary>
    private static readonly System.Diagnostics.Metrics.Counter<long> KpiRefreshes =
        new System.Diagnostics.Metrics.Meter("Intervention.Children")
            .CreateCounter<long>("intervention.children.kpi_refreshes", "{refresh}", "KPI calculations, read or published");

    private static bool TryDay(string? text, TimeProvider clock, out DateOnly day) =>
        Intervention.ServiceDefaults.Http.Dates.TryParse(text, Intervention.ServiceDefaults.CouncilTime.DateOf(clock.GetUtcNow()), out day);

    private static ValidationProblem Invalid() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = [Intervention.ServiceDefaults.Http.Dates.Rule] });
}
