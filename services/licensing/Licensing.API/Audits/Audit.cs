using System.Text.Json;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Drivers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Audits;

/// <summary>A run of the fit-and-proper standards over every driver licensed on a day (the 2015 audit covered ~1,200 drivers).</summary>
public sealed class DriverAudit
{
    public Guid Id { get; init; }
    public DateOnly AsAt { get; init; }
    public AuditStatus Status { get; set; }
    public int DriversTotal { get; set; }
    public int DriversChecked { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Failure { get; set; }

    /// <summary>Starts an audit of the drivers licensed on a day, today when none is given; not a day in the future.</summary>
    public static Decision<DriverAudit> Start(DateOnly? asAt, DateOnly today, DateTimeOffset now)
    {
        var day = asAt ?? today;
        if (day > today) return Refusal.OfField("asAt", "must not be in the future");
        return new DriverAudit { Id = Guid.CreateVersion7(now), AsAt = day, Status = AuditStatus.Running, StartedAt = now };
    }
}

/// <summary>One driver's outcome in an audit, with every reason.</summary>
public sealed class AuditFinding
{
    public Guid AuditId { get; init; }
    public Guid DriverId { get; init; }
    public required string LicenceReference { get; init; }
    public FitnessOutcome Outcome { get; init; }
    public required string Reasons { get; init; }

    public IReadOnlyList<FitnessReason> ReasonList => JsonSerializer.Deserialize<List<FitnessReason>>(Reasons, JsonSerializerOptions.Web) ?? [];
}

internal sealed class DriverAuditConfiguration : IEntityTypeConfiguration<DriverAudit>
{
    public void Configure(EntityTypeBuilder<DriverAudit> b)
    {
        b.ToTable("audits");
        b.Property(audit => audit.Status).HasConversion<string>();
    }
}

internal sealed class AuditFindingConfiguration : IEntityTypeConfiguration<AuditFinding>
{
    public void Configure(EntityTypeBuilder<AuditFinding> b)
    {
        b.ToTable("audit_findings");
        b.HasOne<DriverAudit>().WithMany().HasForeignKey(finding => finding.AuditId);
        b.HasOne<Driver>().WithMany().HasForeignKey(finding => finding.DriverId);
        b.HasKey(finding => new { finding.AuditId, finding.DriverId });
        b.Property(finding => finding.Outcome).HasConversion<string>();
        b.Property(finding => finding.Reasons).HasColumnType("jsonb");
        b.Ignore(finding => finding.ReasonList);
    }
}
