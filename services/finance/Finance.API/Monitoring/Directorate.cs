using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Finance.API.Monitoring;

/// <summary>A directorate of the council, e.g. Children and Young People's Services.</summary>
public sealed class Directorate
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>
    /// The directorate under <paramref name="code"/> named as requested: a new one, or <paramref name="existing"/> renamed (unchanged when the name is
    /// the same).
    /// </summary>
    public static Directorate Amend(Directorate? existing, string code, string name, DateTimeOffset now)
    {
        if (existing is null) return new Directorate { Code = code, Name = name.Trim(), RecordedAt = now };
        if (existing.Name != name.Trim()) (existing.Name, existing.RecordedAt) = (name.Trim(), now);
        return existing;
    }
}

internal sealed class DirectorateConfiguration : IEntityTypeConfiguration<Directorate>
{
    public void Configure(EntityTypeBuilder<Directorate> b)
    {
        b.ToTable("directorates");
        b.HasKey(d => d.Code);
    }
}
