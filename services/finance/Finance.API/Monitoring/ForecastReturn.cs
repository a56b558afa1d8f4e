using Intervention.Contracts.Finance;
using Intervention.Contracts.Http;
using Intervention.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

/// <summary>A month's forecast for a cost centre: actuals to date + forecast for the rest of the year.</summary>
public sealed class ForecastReturn
{
    public int Year { get; init; }
    public int Month { get; init; }
    public required string CostCentre { get; init; }
    public decimal ActualsToDate { get; private set; }
    public decimal ForecastRemaining { get; private set; }
    public string? ManagementAction { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public decimal ForecastOutturn => ActualsToDate + ForecastRemaining;

    /// <summary>What recording a month's return changes.</summary>
    /// <param name="Return">The return, new or amended.</param>
    /// <param name="IsNew">Whether the month had no return before.</param>
    /// <param name="Rag">The forecast outturn's RAG against the budget.</param>
    /// <param name="Changed">Published when the RAG crossed a boundary since the previous month's return (or the budget).</param>
    /// <param name="Budget">The cost centre's net budget for the year, the forecast's yardstick.</param>
    public sealed record Recorded(ForecastReturn Return, bool IsNew, Rag Rag, ForecastOutturnChanged? Changed, decimal Budget)
    {
        /// <summary>The cost centre's line in the month's monitoring, as the return leaves it.</summary>
        public CostCentreMonitoring Monitoring(CostCentre centre) => new(centre.Code, centre.Name, Budget, Return.ForecastOutturn,
            Return.ForecastOutturn - Budget, Rag, $"return P{Return.Month}", Return.ActualsToDate, Return.ManagementAction);
    }

    /// <summary>The rule broken by returning a forecast for the cost centre forecast from children's placements.</summary>
    public static Refusal? DemandLed(string costCentre, string placementsCostCentre) =>
        costCentre == placementsCostCentre
            ? Refusal.ByRule(MonitoringEndpoints.DemandLedRule,
                $"'{costCentre}' is forecast from the children's placements the children's service reports " +
                "(GET /api/forecast/children-placements), not by monthly return.")
            : null;

    /// <summary>
    /// A month's return for <paramref name="centre"/>: a forecast outturn worse than the previous month's (or, for the first
    /// return, over <paramref name="budget"/>) needs a management action (LGA 2003 s.28); a RAG crossing is published.
    /// </summary>
    /// <param name="existing">The month's return already recorded, amended by this one; null when none.</param>
    /// <param name="previous">The latest return of an earlier month of the year; null when none.</param>
    /// <param name="budget">The cost centre's budget for the year; null when none is set (the return is refused, naming the cost centre).</param>
    public static Decision<Recorded> Record(ForecastReturn? existing, ForecastReturn? previous, CostCentre centre, decimal? budget,
        FinancialYear year, int month, ForecastReturnRequest request, RagThresholds rag, DateTimeOffset now)
    {
        if (budget is not { } yardstick)
            return Refusal.OfField("costCentre", $"'{centre.Code}' has no budget for {year}: set one first");
        return RecordAgainst(yardstick, existing, previous, centre, year, month, request, rag, now);
    }

    private static Decision<Recorded> RecordAgainst(decimal budget, ForecastReturn? existing, ForecastReturn? previous, CostCentre centre,
        FinancialYear year, int month, ForecastReturnRequest request, RagThresholds rag, DateTimeOffset now)
    {
        var before = previous?.ForecastOutturn ?? budget;
        var outturn = request.ActualsToDate!.Value + request.ForecastRemaining!.Value;
        var action = string.IsNullOrWhiteSpace(request.ManagementAction) ? null : request.ManagementAction.Trim();
        if (outturn > before && action is null)
            return Refusal.ByRule(MonitoringEndpoints.ManagementActionRule,
                $"The forecast outturn {outturn:N2} is worse than {(previous is null ? "the budget" : $"period {previous.Month}'s")} {before:N2}: " +
                "record the management action (managementAction).",
                new Dictionary<string, object?> { ["previousForecastOutturn"] = before, ["forecastOutturn"] = outturn });

        var forecast = existing ?? new ForecastReturn { Year = year.StartYear, Month = month, CostCentre = centre.Code };
        forecast.ActualsToDate = request.ActualsToDate.Value;
        forecast.ForecastRemaining = request.ForecastRemaining.Value;
        forecast.ManagementAction = action;
        forecast.RecordedAt = now;
        var (was, isNow) = (rag.Of(budget, before), rag.Of(budget, outturn));
        var changed = was == isNow ? null : new ForecastOutturnChanged
        {
            EventId = Guid.CreateVersion7(now), OccurredAt = now, Year = year.ToString(), CostCentre = centre.Code, Directorate = centre.Directorate,
            Budget = budget, PreviousForecastOutturn = before, ForecastOutturn = outturn, Variance = outturn - budget,
            PreviousRag = was, Rag = isNow, Cause = $"monitoring return P{month}",
        };
        return new Recorded(forecast, existing is null, isNow, changed, budget);
    }
}

internal sealed class ForecastReturnConfiguration : IEntityTypeConfiguration<ForecastReturn>
{
    public void Configure(EntityTypeBuilder<ForecastReturn> b)
    {
        b.ToTable("forecast_returns");
        b.HasKey(f => new { f.Year, f.Month, f.CostCentre });
        b.Ignore(f => f.ForecastOutturn);
    }
}
