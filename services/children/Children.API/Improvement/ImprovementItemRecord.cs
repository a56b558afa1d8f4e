using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Improvement;

/// <summary>An Ofsted recommendation or one of the seven tests, with its dated RAG assessments.</summary>
public sealed class ImprovementItemRecord
{
    public required string Code { get; init; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>The report it comes from.</summary>
    public required string Source { get; set; }
    public List<ImprovementAssessmentRecord> Assessments { get; init; } = [];

    /// <summary>The item as the request puts it: a new item, or the stored one with its kind, title and source replaced (its history kept).</summary>
    public static ImprovementItemRecord Put(ImprovementItemRecord? stored, string code, ImprovementItemRequest request)
    {
        if (stored is null) return new ImprovementItemRecord { Code = code, Kind = request.Kind!, Title = request.Title!, Source = request.Source! };
        stored.Kind = request.Kind!;
        stored.Title = request.Title!;
        stored.Source = request.Source!;
        return stored;
    }

    /// <summary>Records a dated RAG assessment; the same date again replaces that day's assessment rather than adding a second.</summary>
    public ImprovementAssessmentRecord Assess(AssessmentRequest request, DateTimeOffset recordedAt)
    {
        var on = request.AssessedOn!.Value;
        var assessment = Assessments.FirstOrDefault(existing => existing.AssessedOn == on);
        if (assessment is null)
            Assessments.Add(assessment = new ImprovementAssessmentRecord { Id = Guid.CreateVersion7(recordedAt), Code = Code, AssessedOn = on });
        assessment.Rag = request.Rag!;
        assessment.Evidence = request.Evidence!;
        assessment.Owner = request.Owner!;
        assessment.RecordedAt = recordedAt;
        return assessment;
    }

    /// <summary>The item as the API answers it: its history by date, and the current RAG and owner from the latest assessment.</summary>
    public ImprovementItem ToView()
    {
        var history = Assessments.OrderBy(assessment => assessment.AssessedOn)
            .Select(assessment => new ImprovementAssessment(assessment.AssessedOn, assessment.Rag, assessment.Evidence, assessment.Owner)).ToList();
        return new ImprovementItem(Code, Kind, Title, Source, history.LastOrDefault()?.Rag, history.LastOrDefault()?.Owner, history);
    }
}

/// <summary>One dated RAG assessment of an improvement item, with its evidence and owner.</summary>
public sealed class ImprovementAssessmentRecord
{
    public Guid Id { get; init; }
    public required string Code { get; init; }
    public DateOnly AssessedOn { get; init; }
    public string Rag { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ImprovementItemConfiguration : IEntityTypeConfiguration<ImprovementItemRecord>, IEntityTypeConfiguration<ImprovementAssessmentRecord>
{
    public void Configure(EntityTypeBuilder<ImprovementItemRecord> b)
    {
        b.ToTable("improvement_items").HasKey(item => item.Code);
        b.HasMany(item => item.Assessments).WithOne().HasForeignKey(assessment => assessment.Code);
    }

    public void Configure(EntityTypeBuilder<ImprovementAssessmentRecord> b)
    {
        b.ToTable("improvement_assessments");
        b.Property(assessment => assessment.Id).ValueGeneratedNever();
    }
}
