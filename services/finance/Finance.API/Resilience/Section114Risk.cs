using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Resilience;

/// <summary>The year a section 114 risk was raised for, once (see <see cref="Section114Test.Raise"/>).</summary>
public sealed class Section114Risk
{
    public int Year { get; init; }
    public Guid EventId { get; init; }
    public decimal ForecastSpending { get; init; }
    public decimal Resources { get; init; }
    public decimal UsableReserves { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

internal sealed class Section114RiskConfiguration : IEntityTypeConfiguration<Section114Risk>
{
    public void Configure(EntityTypeBuilder<Section114Risk> b)
    {
        b.ToTable("section114_risks");
        b.HasKey(r => r.Year);
    }
}
