using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Licences;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Drivers;

/// <summary>A driver's personal details: held here only; events and other services see a licence reference.</summary>
public sealed class Driver
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? Address { get; set; }
    public string? NiNumber { get; set; }
    public string? DrivingLicenceNumber { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>
    /// Records a driver's application: the driver, a new licence under the next number of the register (with a grant carried
    /// over from the council's earlier records, if any), the checks and convictions on file, and the application under the
    /// NI number. Refused when the same NI number already applied for the same type of licence: that driver's record is
    /// where new checks and convictions go.
    /// </summary>
    /// <param name="request">The application, valid by <see cref="DriverRequests.NewDriverProblems"/>.</param>
    /// <param name="earlier">The earlier application under the same NI number and licence type, if any.</param>
    /// <param name="licenceNumber">The next number of the licence register.</param>
    /// <param name="today">The council's day now: the day applied for when none is given.</param>
    /// <param name="now">The instant it is recorded.</param>
    public static Decision<DriverApplied> Apply(NewDriver request, EarlierApplication? earlier, long licenceNumber, DateOnly today, DateTimeOffset now)
    {
        var type = request.LicenceType!.Value;
        if (earlier is not null) return earlier.Refused(type);
        var driver = new Driver
        {
            Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), DateOfBirth = request.DateOfBirth!.Value, Address = request.Address?.Trim(),
            NiNumber = Normalise(request.NiNumber), DrivingLicenceNumber = Normalise(request.DrivingLicenceNumber), RecordedAt = now,
        };
        var licence = new Licence
        {
            Id = Guid.CreateVersion7(now), Reference = Licence.ReferenceFor(type, licenceNumber), Type = type, DriverId = driver.Id,
            AppliedOn = request.AppliedOn ?? request.ExistingLicence?.GrantedOn ?? today, RecordedAt = now,
        };
        if (request.ExistingLicence is { GrantedOn: { } grantedOn } carried) licence.Grants.Add(CarriedOver(licence, grantedOn, carried.TermMonths ?? 36, now));
        var application = driver.NiNumber is { } niNumber
            ? new LicenceApplication { NiNumber = niNumber, LicenceType = type, DriverId = driver.Id, LicenceId = licence.Id }
            : null;
        return new DriverApplied(driver, licence,
            [.. (request.Checks ?? []).Select(check => DriverCheck.From(driver.Id, check, now))],
            [.. (request.Convictions ?? []).Select(conviction => ConvictionRecord.From(driver.Id, conviction, now))],
            application);
    }

    /// <summary>NI and driving licence numbers are compared without spaces and case.</summary>
    public static string? Normalise(string? number) =>
        string.IsNullOrWhiteSpace(number) ? null : new string(number.Where(character => !char.IsWhiteSpace(character)).ToArray()).ToUpperInvariant();

    private static LicenceGrant CarriedOver(Licence licence, DateOnly grantedOn, int months, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), LicenceId = licence.Id, GrantedOn = grantedOn, TermMonths = months,
        ExpiresOn = LicenceTerms.ExpiresOn(grantedOn, months), RecordedAt = now,
        ShorterTermReason = months < 36 ? "Carried over from the council's previous licensing records" : null,
    };
}

/// <summary>An application already recorded under an NI number for a type of licence.</summary>
/// <param name="DriverId">The driver who applied.</param>
/// <param name="LicenceReference">The licence applied for.</param>
public sealed record EarlierApplication(Guid DriverId, string LicenceReference)
{
    /// <summary>The 409 naming the driver who already applied: their record is where new checks and convictions go.</summary>
    public Refusal Refused(LicenceType type) => Refusal.ByRule("one-application-per-ni-number-and-licence-type",
        $"A {type} licence application with this NI number is already recorded: driver {DriverId}, licence {LicenceReference}. " +
        "Record new checks and convictions against that driver instead of applying again.",
        new Dictionary<string, object?> { ["driverId"] = DriverId, ["licenceReference"] = LicenceReference });
}

/// <summary>What recording a driver's application adds, to be saved together.</summary>
/// <param name="Driver">The driver.</param>
/// <param name="Licence">The licence applied for, with any grant carried over.</param>
/// <param name="Checks">The checks on file.</param>
/// <param name="Convictions">The convictions on file.</param>
/// <param name="Application">The application under the NI number; null without one.</param>
public sealed record DriverApplied(
    Driver Driver, Licence Licence, IReadOnlyList<DriverCheck> Checks, IReadOnlyList<ConvictionRecord> Convictions, LicenceApplication? Application);

/// <summary>One dated check on a driver's file.</summary>
public sealed class DriverCheck
{
    public Guid Id { get; init; }
    public Guid DriverId { get; init; }
    public DriverCheckKind Kind { get; init; }
    public DateOnly CheckedOn { get; init; }
    public bool? Passed { get; init; }
    public bool? BothBarredLists { get; init; }
    public bool? OnBarredList { get; init; }
    public bool? RegisterMatch { get; init; }
    public DateOnly? HappenedOn { get; init; }
    public string? Summary { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The check as recorded; a DBS check not on a barred list says so.</summary>
    public static DriverCheck From(Guid driverId, NewCheck check, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), DriverId = driverId, Kind = check.Kind!.Value, CheckedOn = check.On!.Value, Passed = check.Passed,
        BothBarredLists = check.BothBarredLists, OnBarredList = check.Kind == DriverCheckKind.Dbs ? check.OnBarredList ?? false : null,
        RegisterMatch = check.RegisterMatch, HappenedOn = check.HappenedOn, Summary = check.Summary?.Trim(), RecordedAt = now,
    };
}

/// <summary>A conviction on a driver's file.</summary>
public sealed class ConvictionRecord
{
    public Guid Id { get; init; }
    public Guid DriverId { get; init; }
    public OffenceCategory Category { get; init; }
    public DateOnly ConvictedOn { get; init; }
    public DateOnly? SentenceEndsOn { get; init; }
    public DateOnly? BanEndsOn { get; init; }
    public string? Offence { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public Conviction ToConviction() => new(Category, ConvictedOn, SentenceEndsOn, BanEndsOn);

    /// <summary>The conviction as recorded.</summary>
    public static ConvictionRecord From(Guid driverId, NewConviction conviction, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), DriverId = driverId, Category = Enum.Parse<OffenceCategory>(conviction.Category!),
        ConvictedOn = conviction.ConvictedOn!.Value, SentenceEndsOn = conviction.SentenceEndsOn, BanEndsOn = conviction.BanEndsOn,
        Offence = conviction.Offence?.Trim(), RecordedAt = now,
    };
}

internal sealed class DriverConfiguration : IEntityTypeConfiguration<Driver>
{
    public void Configure(EntityTypeBuilder<Driver> b) => b.ToTable("drivers");
}

internal sealed class DriverCheckConfiguration : IEntityTypeConfiguration<DriverCheck>
{
    public void Configure(EntityTypeBuilder<DriverCheck> b)
    {
        b.ToTable("driver_checks");
        // Declared so that EF inserts the driver before the records that name it.
        b.HasOne<Driver>().WithMany().HasForeignKey(check => check.DriverId);
        b.Property(check => check.Kind).HasConversion<string>();
    }
}

internal sealed class ConvictionRecordConfiguration : IEntityTypeConfiguration<ConvictionRecord>
{
    public void Configure(EntityTypeBuilder<ConvictionRecord> b)
    {
        b.ToTable("convictions");
        b.HasOne<Driver>().WithMany().HasForeignKey(conviction => conviction.DriverId);
        b.Property(conviction => conviction.Category).HasConversion<string>();
    }
}
