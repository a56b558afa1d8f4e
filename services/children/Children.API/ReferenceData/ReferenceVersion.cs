using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.ReferenceData;

/// <summary>
/// One dated version of a reference list (<see cref="ReferenceFiles.Postcodes"/> or <see cref="ReferenceFiles.Providers"/>):
/// never changed once uploaded, its rows are <see cref="PostcodeEntry"/> or <see cref="ProviderEntry"/> rows under its id.
/// </summary>
public sealed class ReferenceVersion
{
    public Guid Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>The day the list describes: a validation reads the latest version dated on or before its day.</summary>
    public DateOnly AsAt { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public int Rows { get; init; }
    /// <summary>The uploaded file's SHA-256 (hex, lower case): the same file for the same day is the same version.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The result of an upload: the version it made, or the one already held for the same file and day.</summary>
    public sealed record Uploaded(ReferenceVersion Version, bool Repeated);

    /// <summary>
    /// An upload's decision: the version already held for the same kind, day and file (<paramref name="held"/>) answers a
    /// repeated upload, so nothing is doubled; otherwise a new version, beside (never over) the earlier ones.
    /// </summary>
    public static Uploaded Upload(string kind, DateOnly asAt, string sha256, int rows, ReferenceVersion? held, Guid id, DateTimeOffset now) =>
        held is not null ? new(held, Repeated: true)
            : new(new ReferenceVersion { Id = id, Kind = kind, AsAt = asAt, UploadedAt = now, Rows = rows, Sha256 = sha256 }, Repeated: false);

    /// <summary>
    /// The version of a kind in force on <paramref name="day"/> as it stood at <paramref name="at"/>: the latest dated on or before
    /// the day among those uploaded by then (the later upload for the same day); null when there is none.
    /// </summary>
    public static ReferenceVersion? InForce(IEnumerable<ReferenceVersion> versions, string kind, DateOnly day, DateTimeOffset at) =>
        versions.Where(version => version.Kind == kind && version.AsAt <= day && version.UploadedAt <= at)
            .OrderByDescending(version => version.AsAt).ThenByDescending(version => version.UploadedAt).ThenByDescending(version => version.Id)
            .FirstOrDefault();

    /// <summary>
    /// The day an import of <paramref name="year"/> at <paramref name="at"/> is validated as at: the import's day in London, or the
    /// year's last day (31 March) for a year already over. A past year's return reads the lists of its year, so a lookup dated for
    /// a later year changes no earlier year's findings.
    /// </summary>
    public static DateOnly DayValidated(Returns903.CollectionYear year, DateTimeOffset at) =>
        Intervention.ServiceDefaults.CouncilTime.DateOf(at) is var today && today < year.End ? today : year.End;

    /// <summary>The version as the API answers it.</summary>
    public ReferenceDataVersion ToView() => new(Id, Kind, AsAt, UploadedAt, Rows, Sha256);
}

/// <summary>One row of a postcode lookup version.</summary>
public sealed class PostcodeEntry
{
    public Guid VersionId { get; init; }
    public required string Postcode { get; init; }
    public required string La { get; init; }
    public int Easting { get; init; }
    public int Northing { get; init; }
}

/// <summary>One row of a provider list version.</summary>
public sealed class ProviderEntry
{
    public Guid VersionId { get; init; }
    public required string Urn { get; init; }
    public required string La { get; init; }
    public required string Postcode { get; init; }
    public DateOnly RegisteredOn { get; init; }
    public DateOnly? CeasedOn { get; init; }
    public required string[] PlaceCodes { get; init; }
    public required string[] ProviderCodes { get; init; }

    public Provider ToProvider() => new(Urn, La, Postcode, RegisteredOn, CeasedOn, PlaceCodes.ToHashSet(StringComparer.Ordinal),
        ProviderCodes.ToHashSet(StringComparer.Ordinal));
}

internal sealed class ReferenceVersionConfiguration : IEntityTypeConfiguration<ReferenceVersion>
{
    public void Configure(EntityTypeBuilder<ReferenceVersion> b) => b.ToTable("reference_versions");
}

internal sealed class PostcodeEntryConfiguration : IEntityTypeConfiguration<PostcodeEntry>
{
    public void Configure(EntityTypeBuilder<PostcodeEntry> b)
    {
        b.ToTable("reference_postcodes");
        b.HasKey(entry => new { entry.VersionId, entry.Postcode });
    }
}

internal sealed class ProviderEntryConfiguration : IEntityTypeConfiguration<ProviderEntry>
{
    public void Configure(EntityTypeBuilder<ProviderEntry> b)
    {
        b.ToTable("reference_providers");
        b.HasKey(entry => new { entry.VersionId, entry.Urn });
    }
}
