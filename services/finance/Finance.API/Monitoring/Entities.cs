using Intervention.Contracts.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

/// <summary>A directorate of the council, e.g. Children and Young People's Services.</summary>
public sealed class Directorate
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A cost centre within a directorate, the level budgets and forecasts are set at.</summary>
public sealed class CostCentre
{
    public required string Code { get; init; }
    public required string Directorate { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A cost centre's net budget for a year, as set (virements are kept apart and added when asked).</summary>
public sealed class Budget
{
    public int Year { get; init; }
    public required string CostCentre { get; init; }
    public decimal NetBudget { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Budget moved from one cost centre to another within a year.</summary>
public sealed class Virement
{
    public Guid Id { get; init; }
    public int Year { get; init; }
    public required string FromCostCentre { get; init; }
    public required string ToCostCentre { get; init; }
    public decimal Amount { get; init; }
    public required string Reason { get; init; }
    public string? CabinetDecision { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A month's forecast for a cost centre: actuals to date + forecast for the rest of the year.</summary>
public sealed class ForecastReturn
{
    public int Year { get; init; }
    public int Month { get; init; }
    public required string CostCentre { get; init; }
    public decimal ActualsToDate { get; set; }
    public decimal ForecastRemaining { get; set; }
    public string? ManagementAction { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public decimal ForecastOutturn => ActualsToDate + ForecastRemaining;
}

/// <summary>A savings proposal with its owner, value, RAG and what it has delivered.</summary>
public sealed class SavingsProposal
{
    public required string Code { get; init; }
    public int Year { get; set; }
    public required string Directorate { get; set; }
    public required string Description { get; set; }
    public required string Owner { get; set; }
    public decimal Value { get; set; }
    public decimal Delivered { get; set; }
    public Rag Rag { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class MonitoringConfiguration :
    IEntityTypeConfiguration<Directorate>, IEntityTypeConfiguration<CostCentre>, IEntityTypeConfiguration<Budget>,
    IEntityTypeConfiguration<Virement>, IEntityTypeConfiguration<ForecastReturn>, IEntityTypeConfiguration<SavingsProposal>
{
    public void Configure(EntityTypeBuilder<Directorate> b) { b.ToTable("directorates"); b.HasKey(d => d.Code); }
    public void Configure(EntityTypeBuilder<CostCentre> b) { b.ToTable("cost_centres"); b.HasKey(c => c.Code); }
    public void Configure(EntityTypeBuilder<Budget> b) { b.ToTable("budgets"); b.HasKey(x => new { x.Year, x.CostCentre }); }
    public void Configure(EntityTypeBuilder<Virement> b) { b.ToTable("virements"); b.HasKey(v => v.Id); }
    public void Configure(EntityTypeBuilder<ForecastReturn> b)
    {
        b.ToTable("forecast_returns");
        b.HasKey(f => new { f.Year, f.Month, f.CostCentre });
        b.Ignore(f => f.ForecastOutturn);
    }
    public void Configure(EntityTypeBuilder<SavingsProposal> b)
    {
        b.ToTable("savings_proposals");
        b.HasKey(s => s.Code);
        b.Property(s => s.Rag).HasConversion<string>();
    }
}
