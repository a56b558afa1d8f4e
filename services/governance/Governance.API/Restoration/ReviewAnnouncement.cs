using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Restoration;

/// <summary>A review date whose <c>ReviewDue</c> was written to the outbox: the record that makes the announcement happen once.</summary>
public sealed class ReviewAnnouncement
{
    public DateOnly ReviewDate { get; init; }
    public Guid EventId { get; init; }
    public DateTimeOffset AnnouncedAt { get; init; }
    public required List<string> Functions { get; init; }
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
