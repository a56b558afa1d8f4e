using Intervention.Contracts.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

/// <summary>A savings proposal with its owner, value, RAG and what it has delivered.</summary>
public sealed class SavingsProposal
{
    public required string Code { get; init; }
    public int Year { get; set; }
    public required string Directorate { get; set; }
    public required string Description { get; set; }
    public required string Owner { get; set; }
    public decimal Value { get; set; }
    public decimal Delivered { get; set; }
    public Rag Rag { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The proposal under <paramref name="code"/> as requested: a new one, or <paramref name="existing"/> amended.</summary>
    public static SavingsProposal Amend(SavingsProposal? existing, string code, FinancialYear year, SavingsProposalRequest request, DateTimeOffset now)
    {
        var proposal = existing ?? new SavingsProposal { Code = code, Directorate = "", Description = "", Owner = "" };
        proposal.Year = year.StartYear;
        proposal.Directorate = request.Directorate!;
        proposal.Description = request.Description!.Trim();
        proposal.Owner = request.Owner!.Trim();
        proposal.Value = request.Value!.Value;
        proposal.Delivered = request.Delivered!.Value;
        proposal.Rag = request.Rag!.Value;
        proposal.RecordedAt = now;
        return proposal;
    }
}

internal sealed class SavingsProposalConfiguration : IEntityTypeConfiguration<SavingsProposal>
{
    public void Configure(EntityTypeBuilder<SavingsProposal> b)
    {
        b.ToTable("savings_proposals");
        b.HasKey(s => s.Code);
        b.Property(s => s.Rag).HasConversion<string>();
    }
}
