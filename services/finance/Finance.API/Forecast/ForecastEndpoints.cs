using Intervention.ServiceDefaults.Security;
using Finance.API.Monitoring;
using Intervention.Contracts.Finance.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Finance.API.Forecast;

public static class ForecastEndpoints
{
    public static IEndpointRouteBuilder MapForecast(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/forecast").WithTags("Forecast")
            // Read, not Aggregate: it keeps the Stovewood figures apart, which are the finance team's and the Commissioners' alone.
            .MapGet("/children-placements", ChildrenPlacementsForecast).RequireAccess(Access.Read)
            .WithName("GetChildrenPlacementForecast")
            .WithSummary("The children's placement forecast for a year: children per placement type x weekly unit cost x weeks, Stovewood apart")
            .WithDescription("Moves as the children's service reports children entering care, changing placement or leaving care. " +
                             "Amounts are pounds, rounded to the penny for display; a placement still open runs to the year's end.");
        return app;
    }

    /// <param name="year">The financial year, <c>2017/18</c> or <c>2017-18</c>; the current one when absent.</param>
    /// <param name="placements">The forecast over the recorded placements.</param>
    /// <param name="costs">Finance's weekly unit costs.</param>
    /// <param name="rag">The RAG thresholds.</param>
    private static async Task<Results<Ok<ChildrenPlacementForecast>, ValidationProblem>> ChildrenPlacementsForecast(
        string? year, ChildrenPlacements placements, IOptions<UnitCosts> costs, IOptions<RagThresholds> rag, CancellationToken ct)
    {
        var which = FinancialYear.Of(placements.Today);
        if (!string.IsNullOrEmpty(year) && !FinancialYear.TryParse(year, out which))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [FinancialYear.Rule] });

        var forecast = await placements.ForecastAsync(which, ct);
        var budget = await placements.BudgetAsync(which, ct);
        static decimal P(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
        return TypedResults.Ok(new ChildrenPlacementForecast(
            which.ToString(), forecast.ChildrenLookedAfter, P(forecast.Forecast), P(forecast.StovewoodForecast), P(forecast.ForecastExcludingStovewood),
            budget, budget is { } b ? P(forecast.ForecastExcludingStovewood - b) : null,
            budget is { } b2 ? rag.Value.Of(b2, forecast.ForecastExcludingStovewood) : null,
            forecast.Types.Select(t => new PlacementTypeForecast(t.PlacementType, t.Description, t.Children, t.StovewoodChildren, t.ChildrenNow,
                P(t.Nights / 7m), t.WeeklyUnitCost, P(t.Forecast), P(t.StovewoodForecast))).ToList(),
            costs.Value.Source));
    }
}
