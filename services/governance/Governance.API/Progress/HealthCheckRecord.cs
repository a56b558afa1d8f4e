using Intervention.Contracts.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Progress;

/// <summary>One assessment of one Independent Health Check factor. Never updated: the history is kept.</summary>
public sealed class HealthCheckRecord
{
    public Guid Id { get; init; }
    public int Factor { get; init; }
    public Rag Rag { get; init; }
    public required string Evidence { get; init; }
    public DateOnly AssessedOn { get; init; }
    public string? Assessor { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>A new assessment of <paramref name="factor"/> as the request gives it (a blank assessor is none).</summary>
    public static HealthCheckRecord Record(int factor, HealthCheckAssessmentRequest request, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Factor = factor,
        Rag = request.Rag!.Value,
        Evidence = request.Evidence!.Trim(),
        AssessedOn = request.AssessedOn!.Value,
        Assessor = string.IsNullOrWhiteSpace(request.Assessor) ? null : request.Assessor.Trim(),
        RecordedAt = now,
    };

    public HealthCheckAssessment ToResponse() => new(Factor, Rag, Evidence, AssessedOn, Assessor, RecordedAt);
}

internal sealed class HealthCheckRecordConfiguration : IEntityTypeConfiguration<HealthCheckRecord>
{
    public void Configure(EntityTypeBuilder<HealthCheckRecord> b)
    {
        b.ToTable("health_check_assessments");
        b.HasKey(h => h.Id);
        b.Property(h => h.Rag).HasConversion<string>();
    }
}
