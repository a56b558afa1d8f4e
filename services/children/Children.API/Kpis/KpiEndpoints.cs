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
        group.MapGet("/series", Series).WithName("GetKpiSeries").RequireAccess(Access.Aggregate)
            .WithSummary("Each KPI at the end of every month from a day to a day (from, to = yyyy-MM-dd; default the twelve months to today)")
            .WithDescription($"The trend the portal's charts draw: at most {KpiSeries.MostPoints} points, the last one the day 'to' itself.");
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

    private static async Task<Results<Ok<IReadOnlyList<KpiTrend>>, ValidationProblem>> Series(
        string? from, string? to, ChildrenDb db, KpiCalculator calculator, TimeProvider clock, CancellationToken ct)
    {
        var days = KpiSeries.Days(from, to, Intervention.ServiceDefaults.CouncilTime.DateOf(clock.GetUtcNow()));
        if (days.Refused is { } refused) return refused.AsValidationProblem();
        var trends = KpiSeries.Trends(calculator, await KpiData.LoadAsync(db, ct), days.Changes!);
        KpiRefreshes.Add(days.Changes!.Count, new KeyValuePair<string, object?>("kind", "series"));
        return TypedResults.Ok(trends);
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
