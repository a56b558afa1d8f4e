using Intervention.Contracts.Finance.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Mtfs;

/// <summary>
/// A version of the medium-term financial strategy, or a scenario copied from one. Never changed once recorded
/// (only whether it is current and when its budget was approved): a new view is a new version.
/// </summary>
public sealed class MtfsVersion
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? ParentId { get; init; }
    public int FirstYear { get; init; }
    public int YearCount { get; init; }
    public bool IsCurrent { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public List<MtfsAssumptionRecord> Assumptions { get; init; } = [];

    public IReadOnlyList<FinancialYear> Years() => Enumerable.Range(FirstYear, YearCount).Select(y => new FinancialYear(y)).ToList();

    public IReadOnlyList<Assumption> Model() => Assumptions.Select(a => a.ToModel()).ToList();

    public MtfsVersionDetail ToDetail() => new(Id, Name, ParentId, Years().Select(y => y.ToString()).ToList(), IsCurrent, CreatedAt, ApprovedAt,
        Assumptions.OrderBy(a => a.Category).ThenBy(a => a.Year).ThenBy(a => a.Name).Select(a => a.ToContract()).ToList());
}

/// <summary>One assumption of one version, with its source and date.</summary>
public sealed class MtfsAssumptionRecord
{
    public Guid Id { get; init; }
    public required string VersionId { get; init; }
    public AssumptionCategory Category { get; init; }
    public int? Year { get; init; }
    public string? Name { get; init; }
    public decimal Value { get; init; }
    public required string Source { get; init; }
    public DateOnly AsOf { get; init; }
    public bool Illustrative { get; init; }

    public static MtfsAssumptionRecord From(string versionId, Assumption a) => new()
    {
        Id = Guid.CreateVersion7(),
        VersionId = versionId,
        Category = a.Category,
        Year = a.Year?.StartYear,
        Name = a.Name,
        Value = a.Value,
        Source = a.Source,
        AsOf = a.AsOf,
        Illustrative = a.Illustrative,
    };

    public Assumption ToModel() => new(Category, Year is { } y ? new FinancialYear(y) : null, Name, Value, Source, AsOf, Illustrative);

    public MtfsAssumption ToContract() => new()
    {
        Category = Category,
        Year = Year is { } y ? new FinancialYear(y).ToString() : null,
        Name = Name,
        Value = Value,
        Source = Source,
        AsOf = AsOf,
        Illustrative = Illustrative,
    };
}

internal sealed class MtfsVersionConfiguration : IEntityTypeConfiguration<MtfsVersion>
{
    public void Configure(EntityTypeBuilder<MtfsVersion> b)
    {
        b.ToTable("mtfs_versions");
        b.HasKey(v => v.Id);
        b.HasMany(v => v.Assumptions).WithOne().HasForeignKey(a => a.VersionId);
    }
}

internal sealed class MtfsAssumptionConfiguration : IEntityTypeConfiguration<MtfsAssumptionRecord>
{
    public void Configure(EntityTypeBuilder<MtfsAssumptionRecord> b)
    {
        b.ToTable("mtfs_assumptions");
        b.HasKey(a => a.Id);
        b.Property(a => a.Category).HasConversion<string>();
    }
}
