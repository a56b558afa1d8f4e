using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Restoration;

/// <summary>One assessment of one of the four tests for a function. Never updated: a new assessment is a new row.</summary>
public sealed class TestAssessment
{
    public Guid Id { get; init; }
    public required string Function { get; init; }
    public ReturnTest Test { get; init; }
    public Rag Rag { get; init; }
    public required string Evidence { get; init; }
    public required string Assessor { get; init; }
    public DateTimeOffset AssessedAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public ReturnTestAssessment ToResponse() => new(Id, Function, Test, Rag, Evidence, Assessor, AssessedAt, RecordedAt);

    /// <summary>
    /// An assessment of <paramref name="function"/> as requested, recorded at <paramref name="now"/>: only a function the
    /// Commissioners hold now (<paramref name="holder"/>) is assessed for return.
    /// </summary>
    public static Decision<TestAssessment> Record(string function, AuthorityAssignment? holder, AssessReturnTestRequest request, DateTimeOffset now)
    {
        if (ReturnRules.NotHeldByCommissionersNow(function, holder) is { } refusal) return refusal;
        return new TestAssessment
        {
            Id = Guid.CreateVersion7(now),
            Function = function,
            Test = request.Test!.Value,
            Rag = request.Rag!.Value,
            Evidence = request.Evidence!.Trim(),
            Assessor = request.Assessor!.Trim(),
            AssessedAt = (request.AssessedAt ?? now).ToUniversalTime(),
            RecordedAt = now,
        };
    }
}

internal sealed class TestAssessmentConfiguration : IEntityTypeConfiguration<TestAssessment>
{
    public void Configure(EntityTypeBuilder<TestAssessment> b)
    {
        b.ToTable("return_test_assessments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Test).HasConversion<string>();
        b.Property(a => a.Rag).HasConversion<string>();
    }
}
