using Intervention.ServiceDefaults.Security;
using Children.API.Children;
using Children.API.Infrastructure;
using Children.API.Returns903;
using Intervention.Contracts.Children;
using Intervention.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

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

    private static async Task<Results<Ok<IReadOnlyList<Kpi>>, ValidationProblem>> Get(string? asAt, ChildrenDb db, KpiCalculator calculator, TimeProvider clock, CancellationToken ct)
    {
        if (!TryDay(asAt, clock, out var day)) return Invalid();
        var kpis = calculator.Calculate(await KpiData.LoadAsync(db, ct), day);
        KpiRefreshes.Add(1, new KeyValuePair<string, object?>("kind", "read"));
        return TypedResults.Ok(kpis);
    }

    private static async Task<Results<Accepted<IReadOnlyList<Kpi>>, ValidationProblem>> Publish(string? asAt, ChildrenDb db, KpiCalculator calculator, TimeProvider clock, CancellationToken ct)
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
        new System.Diagnostics.Metrics.Meter("Intervention.Children").CreateCounter<long>("intervention.children.kpi_refreshes", "{refresh}", "KPI calculations, read or published");

    private static bool TryDay(string? text, TimeProvider clock, out DateOnly day) =>
        Intervention.ServiceDefaults.Http.Dates.TryParse(text, Intervention.ServiceDefaults.CouncilTime.DateOf(clock.GetUtcNow()), out day);

    private static ValidationProblem Invalid() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = [Intervention.ServiceDefaults.Http.Dates.Rule] });
}

/// <summary>Reads what the KPIs need: one row per child and start date (a live record over an imported one, a later return over an earlier).</summary>
public static class KpiData
{
    public static async Task<KpiInputs> LoadAsync(ChildrenDb db, CancellationToken ct)
    {
        var connection = await ReturnStore.OpenAsync(db, ct);
        var inputs = new KpiInputs();
        await ReadAsync(connection, "SELECT DISTINCT ON (child) child, dob FROM header_rows ORDER BY child, collection_year IS NOT NULL, collection_year DESC", r =>
        {
            if (Codes.Date(r.GetString(1)) is { } dob) inputs.DatesOfBirth[r.GetString(0)] = dob;
        }, ct);
        await ReadAsync(connection,
            "SELECT DISTINCT ON (child, decom_on) child, decom_on, dec_on, rne, ls, place, home_post, pl_post FROM episode_rows WHERE decom_on IS NOT NULL " +
            "ORDER BY child, decom_on, collection_year IS NOT NULL, collection_year DESC",
            r => inputs.Episodes.Add(new CareEpisode(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
                r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7))), ct);
        await ReadAsync(connection,
            "SELECT DISTINCT ON (child, mis_start_on) child, mis_start_on, mis_end_on FROM missing_rows WHERE mis_start_on IS NOT NULL " +
            "ORDER BY child, mis_start_on, collection_year IS NOT NULL, collection_year DESC",
            r => inputs.Missing.Add(new MissingEpisode(r.GetString(0), r.GetFieldValue<DateOnly>(1), Date(r, 2))), ct);
        await ReadAsync(connection, "SELECT postcode, latitude, longitude FROM postcodes", r => inputs.Postcodes[r.GetString(0)] = (r.GetDouble(1), r.GetDouble(2)), ct);
        await ReadAsync(connection, "SELECT child, due_on, visited_on FROM statutory_visits", r => inputs.Visits.Add(new Visit(r.GetString(0), r.GetFieldValue<DateOnly>(1), Date(r, 2))), ct);
        await ReadAsync(connection, "SELECT child, started_on, completed_on FROM assessments", r => inputs.Assessments.Add(new Assessment(r.GetString(0), r.GetFieldValue<DateOnly>(1), Date(r, 2))), ct);
        await ReadAsync(connection, "SELECT child, started_on, ended_on, review_due_on FROM plans",
            r => inputs.Plans.Add(new Plan(r.GetString(0), r.GetFieldValue<DateOnly>(1), Date(r, 2), r.GetFieldValue<DateOnly>(3))), ct);
        await ReadAsync(connection, "SELECT child, kind, due_on, done_on FROM health_assessments",
            r => inputs.HealthAssessments.Add(new HealthAssessment(r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), Date(r, 3))), ct);
        await ReadAsync(connection, "SELECT child, returned_on, interviewed_on FROM return_interviews",
            r => inputs.ReturnInterviews.Add(new ReturnInterview(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2))), ct);
        await ReadAsync(connection, "SELECT id, agency, started_on, left_on FROM social_workers",
            r => inputs.SocialWorkers.Add(new SocialWorker(r.GetString(0), r.GetBoolean(1), r.GetFieldValue<DateOnly>(2), Date(r, 3))), ct);
        await ReadAsync(connection, "SELECT child, social_worker, from_on, to_on FROM allocations",
            r => inputs.Allocations.Add(new Allocation(r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), Date(r, 3))), ct);
        return inputs;
    }

    private static DateOnly? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }
}
