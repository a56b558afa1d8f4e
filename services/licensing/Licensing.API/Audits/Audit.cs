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
    /// <summary>The instance running the audit (a replica of the service), while its claim lasts.</summary>
    public string? ClaimedBy { get; private set; }
    /// <summary>When the runner's claim lapses unless it renews it (it does with each batch): a crashed replica's run is taken over then.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Starts an audit of the drivers licensed on a day, today when none is given; not a day in the future.</summary>
    public static Decision<DriverAudit> Start(DateOnly? asAt, DateOnly today, DateTimeOffset now)
    {
        var day = asAt ?? today;
        if (day > today) return Refusal.OfField("asAt", "must not be in the future");
        return new DriverAudit { Id = Guid.CreateVersion7(now), AsAt = day, Status = AuditStatus.Running, StartedAt = now };
    }

    /// <summary>
    /// Claims the run for <paramref name="runner"/> until <paramref name="now"/> + <paramref name="lease"/>, or renews its own
    /// claim: a running audit is run by one replica at a time, and one whose runner stopped renewing (crashed, stopped) is
    /// taken over once the claim lapses. Refused while another's claim lasts (the runner that lost its claim stops there)
    /// and once the audit has finished.
    /// </summary>
    public Refusal? Claim(string runner, DateTimeOffset now, TimeSpan lease)
    {
        if (Status != AuditStatus.Running) return Refusal.ByRule("audit-not-running", $"the audit has finished ({Status})");
        if (ClaimedBy is not null && ClaimedBy != runner && ClaimedUntil > now)
            return Refusal.ByRule("audit-run-claimed", $"the audit is being run by {ClaimedBy} until {ClaimedUntil:O}");
        (ClaimedBy, ClaimedUntil) = (runner, now + lease);
        return null;
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
        b.Property(audit => audit.ClaimedBy);
        b.Property(audit => audit.ClaimedUntil);
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
