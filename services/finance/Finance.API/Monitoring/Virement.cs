using Intervention.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

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

    /// <summary>
    /// The virement under <paramref name="id"/>: the same again is <paramref name="existing"/> itself (nothing new); other figures
    /// under its id are refused; a new one over <paramref name="cabinetThreshold"/> pounds needs the Cabinet decision that approved it.
    /// </summary>
    public static Decision<Virement> Record(
        Virement? existing, Guid id, FinancialYear year, VirementRequest request, decimal cabinetThreshold, DateTimeOffset now)
    {
        if (existing is not null)
            return existing.Year == year.StartYear && existing.FromCostCentre == request.From && existing.ToCostCentre == request.To
                   && existing.Amount == request.Amount
                ? existing
                : Refusal.ByRule("virement-id-reused", $"Virement {id} is already recorded with other figures.");
        if (request.Amount > cabinetThreshold && string.IsNullOrWhiteSpace(request.CabinetDecision))
            return Refusal.ByRule(MonitoringEndpoints.CabinetApprovalRule,
                $"A virement of {request.Amount:N2} pounds is over the {cabinetThreshold:N2} threshold: " +
                "name the Cabinet decision that approved it (cabinetDecision).",
                new Dictionary<string, object?> { ["threshold"] = cabinetThreshold });
        return new Virement
        {
            Id = id,
            Year = year.StartYear,
            FromCostCentre = request.From!,
            ToCostCentre = request.To!,
            Amount = request.Amount!.Value,
            Reason = request.Reason!.Trim(),
            CabinetDecision = request.CabinetDecision?.Trim(),
            RecordedAt = now,
        };
    }
}

internal sealed class VirementConfiguration : IEntityTypeConfiguration<Virement>
{
    public void Configure(EntityTypeBuilder<Virement> b)
    {
        b.ToTable("virements");
        b.HasKey(v => v.Id);
    }
}
