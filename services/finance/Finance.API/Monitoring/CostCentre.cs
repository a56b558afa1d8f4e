using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

/// <summary>A cost centre within a directorate, the level budgets and forecasts are set at.</summary>
public sealed class CostCentre
{
    public required string Code { get; init; }
    public required string Directorate { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The cost centre under <paramref name="code"/> as requested: a new one, or <paramref name="existing"/> amended.</summary>
    public static CostCentre Amend(CostCentre? existing, string code, CostCentreRequest request, DateTimeOffset now)
    {
        var centre = existing ?? new CostCentre { Code = code, Directorate = "", Name = "" };
        centre.Directorate = request.Directorate!;
        centre.Name = request.Name!.Trim();
        centre.RecordedAt = now;
        return centre;
    }
}

internal sealed class CostCentreConfiguration : IEntityTypeConfiguration<CostCentre>
{
    public void Configure(EntityTypeBuilder<CostCentre> b)
    {
        b.ToTable("cost_centres");
        b.HasKey(c => c.Code);
    }
}
