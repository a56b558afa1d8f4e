using Intervention.Contracts.Http;
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
}

/// <summary>A function's return: recommendation, "minded to", representations, and the Directions that closed it.</summary>
public sealed class ReturnProcess
{
    public Guid Id { get; init; }
    public required string Function { get; init; }
    public DateOnly RecommendedOn { get; init; }
    public required string RecommendedBy { get; init; }
    public DateTimeOffset RecommendedAt { get; init; }
    public DateOnly? MindedToOn { get; set; }
    public string? MindedToBy { get; set; }
    public DateOnly? RepresentationsCloseOn { get; set; }
    public DateTimeOffset? MindedToRecordedAt { get; set; }
    public Guid? ReturnedByDirectionsId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<ReturnRepresentation> Representations { get; init; } = [];

    /// <summary>The latest step taken: computed from what was recorded, never stored.</summary>
    public ReturnStage Stage => ClosedAt is not null ? ReturnStage.Returned : MindedToOn is not null ? ReturnStage.MindedTo : ReturnStage.Recommended;

    public FunctionReturn ToResponse() => new()
    {
        Id = Id,
        Function = Function,
        Stage = Stage,
        RecommendedOn = RecommendedOn,
        RecommendedBy = RecommendedBy,
        MindedToOn = MindedToOn,
        MindedToBy = MindedToBy,
        RepresentationsCloseOn = RepresentationsCloseOn,
        Representations = Representations.OrderBy(r => r.ReceivedOn).ThenBy(r => r.RecordedAt)
            .Select(r => new Representation(r.ReceivedOn, r.MadeBy, r.Summary, r.RecordedAt)).ToList(),
        ReturnedByDirectionsId = ReturnedByDirectionsId,
        ClosedAt = ClosedAt,
    };
}

/// <summary>A representation made while a return was "minded to".</summary>
public sealed class ReturnRepresentation
{
    public Guid Id { get; init; }
    public Guid ReturnProcessId { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public required string MadeBy { get; init; }
    public required string Summary { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A review date whose <c>ReviewDue</c> was written to the outbox: the record that makes the announcement happen once.</summary>
public sealed class ReviewAnnouncement
{
    public DateOnly ReviewDate { get; init; }
    public Guid EventId { get; init; }
    public DateTimeOffset AnnouncedAt { get; init; }
    public required List<string> Functions { get; init; }
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

internal sealed class ReturnProcessConfiguration : IEntityTypeConfiguration<ReturnProcess>
{
    public void Configure(EntityTypeBuilder<ReturnProcess> b)
    {
        b.ToTable("function_returns");
        b.HasKey(r => r.Id);
        b.Ignore(r => r.Stage);
        b.HasMany(r => r.Representations).WithOne().HasForeignKey(r => r.ReturnProcessId);
    }
}

internal sealed class ReturnRepresentationConfiguration : IEntityTypeConfiguration<ReturnRepresentation>
{
    public void Configure(EntityTypeBuilder<ReturnRepresentation> b)
    {
        b.ToTable("return_representations");
        b.HasKey(r => r.Id);
    }
}

internal sealed class ReviewAnnouncementConfiguration : IEntityTypeConfiguration<ReviewAnnouncement>
{
    public void Configure(EntityTypeBuilder<ReviewAnnouncement> b)
    {
        b.ToTable("review_announcements");
        b.HasKey(r => r.ReviewDate);
        b.Property(r => r.ReviewDate).ValueGeneratedNever();
    }
}
