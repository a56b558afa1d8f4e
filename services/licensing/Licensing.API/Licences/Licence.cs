using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Drivers;
using Licensing.API.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Licences;

/// <summary>A licence, from application on: a driver's, a vehicle's or an operator's. Renewals keep the reference.</summary>
public sealed class Licence
{
    public Guid Id { get; init; }
    public required string Reference { get; init; }
    public LicenceType Type { get; init; }
    public Guid? DriverId { get; init; }
    public Guid? VehicleId { get; init; }
    public string? OperatorName { get; init; }
    public DateOnly AppliedOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public List<LicenceGrant> Grants { get; init; } = [];
    public List<LicenceStatusChange> StatusChanges { get; init; } = [];

    public LicenceKind Kind => Type switch
    {
        LicenceType.Vehicle => LicenceKind.Vehicle,
        LicenceType.Operator => LicenceKind.Operator,
        _ => LicenceKind.Driver,
    };

    /// <summary>
    /// Grants or renews the licence on a day for a term: not before the application nor before an earlier grant, not once
    /// revoked or refused, for a driver only when an officer may grant on the fitness verdict of that day, for a vehicle only
    /// when the vehicle policy allows it (an over-age vehicle with its exceptional condition recorded).
    /// </summary>
    /// <param name="request">The grant asked for.</param>
    /// <param name="context">The policies, the driver's records or the vehicle, and today.</param>
    /// <param name="now">The instant it is recorded.</param>
    public Decision<LicenceGrant> Grant(GrantRequest request, GrantingContext context, DateTimeOffset now)
    {
        var errors = GrantProblems(request, context);
        if (errors.Count > 0) return Refusal.OfFields(errors, "The licence cannot be granted");
        var grantedOn = request.GrantedOn!.Value;
        if (Grants.Any(grant => grant.GrantedOn >= grantedOn))
            return Refusal.ByRule("grant-out-of-order", $"Licence {Reference} already has a grant on or after {grantedOn:yyyy-MM-dd}.");
        var status = StatusOn(grantedOn);
        if (status is LicenceStatus.Revoked or LicenceStatus.Refused)
            return Refusal.ByRule("licence-revoked-or-refused", $"Licence {Reference} is {status} on {grantedOn:yyyy-MM-dd}: a new application is needed.");
        if (RefusalToLicense(request, context, grantedOn, out var exceptional) is { } refused) return refused;

        var standard = context.Terms.StandardMonths(Kind);
        var months = request.TermMonths ?? standard;
        var granted = new LicenceGrant
        {
            Id = Guid.CreateVersion7(now), LicenceId = Id, GrantedOn = grantedOn, TermMonths = months, ExpiresOn = LicenceTerms.ExpiresOn(grantedOn, months),
            ShorterTermReason = months < standard ? request.ShorterTermReason!.Trim() : null, ExceptionalCondition = exceptional, RecordedAt = now,
        };
        Grants.Add(granted);
        return granted;
    }

    /// <summary>An operator's application: a new operator licence under the next number of the register.</summary>
    public static Licence ForOperator(string name, DateOnly? appliedOn, long licenceNumber, DateOnly today, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Reference = ReferenceFor(LicenceType.Operator, licenceNumber), Type = LicenceType.Operator,
        OperatorName = name.Trim(), AppliedOn = appliedOn ?? today, RecordedAt = now,
    };

    /// <summary>The licence's status on a day, from its grants and decided changes.</summary>
    public LicenceStatus StatusOn(DateOnly on) => LicenceStatusRule.At(
        Grants.Select(grant => (grant.GrantedOn, grant.ExpiresOn)), StatusChanges.Select(change => (change.Status, change.EffectiveOn)), on);

    private Dictionary<string, string[]> GrantProblems(GrantRequest request, GrantingContext context)
    {
        var errors = context.Terms.Validate(Kind, request.TermMonths, request.ShorterTermReason);
        if (request.GrantedOn is not { } on) errors["grantedOn"] = ["is required: yyyy-MM-dd"];
        else if (on > context.Today) errors["grantedOn"] = ["must not be in the future"];
        else if (on < AppliedOn) errors["grantedOn"] = [$"must not be before the application of {AppliedOn:yyyy-MM-dd}"];
        if (request.ExceptionalConditionReason is not null && Type != LicenceType.Vehicle)
            errors["exceptionalConditionReason"] = ["applies only to a vehicle licence"];
        return errors;
    }

    /// <summary>The driver's fitness or the vehicle's policy, when either refuses; the exceptional condition to record when it was needed.</summary>
    private Refusal? RefusalToLicense(GrantRequest request, GrantingContext context, DateOnly grantedOn, out string? exceptional)
    {
        exceptional = null;
        if (DriverId is not null)
        {
            var records = context.Driver ?? throw new InvalidOperationException($"Licence {Reference} is a driver's: the driver's records are needed.");
            var verdict = context.Fitness.Assess(records, grantedOn);
            if (verdict.OfficerMayGrant) return null;
            var why = verdict.Outcome == FitnessOutcome.NeedsHearing
                ? $"The driver needs a hearing on {grantedOn:yyyy-MM-dd}: an officer cannot grant while any reason needs judgement."
                : $"The driver is not fit on {grantedOn:yyyy-MM-dd}: a requirement has failed.";
            return Refusal.ByRule("officer-cannot-grant", why,
                new Dictionary<string, object?> { ["outcome"] = verdict.Outcome.ToString(), ["reasons"] = verdict.Reasons });
        }
        if (VehicleId is not null)
        {
            var vehicle = context.Vehicle ?? throw new InvalidOperationException($"Licence {Reference} is a vehicle's: the vehicle is needed.");
            var verdict = context.Vehicles.Assess(vehicle.ToApplication(isRenewal: Grants.Count > 0, request.ExceptionalConditionReason), grantedOn);
            if (!verdict.MayLicence)
                return Refusal.ByRule("vehicle-not-licensable", $"Vehicle {vehicle.Registration} cannot be licensed on {grantedOn:yyyy-MM-dd}.",
                    new Dictionary<string, object?> { ["reasons"] = verdict.Reasons });
            // Recorded only when it was needed: the override is the exception, not a note.
            exceptional = verdict.Reasons.Any(reason => reason.Code == "over-age-exceptional-condition") ? request.ExceptionalConditionReason!.Trim() : null;
        }
        return null;
    }

    /// <summary>A new reference from the licence number sequence: <c>PH-000123</c>, <c>HC-</c>, <c>VE-</c>, <c>OP-</c>.</summary>
    public static string ReferenceFor(LicenceType type, long number) => type switch
    {
        LicenceType.HackneyCarriage => "HC",
        LicenceType.PrivateHire => "PH",
        LicenceType.Vehicle => "VE",
        _ => "OP",
    } + $"-{number:D6}";
}

/// <summary>What a grant is decided with, loaded before it is.</summary>
/// <param name="Today">The council's day now: a grant is not dated in the future.</param>
/// <param name="Driver">The driver's records with the grant being decided (a driver's licence); null otherwise.</param>
/// <param name="Vehicle">The vehicle (a vehicle licence); null otherwise.</param>
/// <param name="Fitness">Whether a driver is fit and proper.</param>
/// <param name="Vehicles">Whether a vehicle may be licensed.</param>
/// <param name="Terms">The standard terms.</param>
public sealed record GrantingContext(DateOnly Today, DriverRecords? Driver, Vehicle? Vehicle, FitnessPolicy Fitness, VehiclePolicy Vehicles,
    LicenceTerms Terms);

/// <summary>A grant or renewal for a term; a term shorter than the standard one carries its reason.</summary>
public sealed class LicenceGrant
{
    public Guid Id { get; init; }
    public Guid LicenceId { get; init; }
    public DateOnly GrantedOn { get; init; }
    public int TermMonths { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public string? ShorterTermReason { get; init; }
    public string? ExceptionalCondition { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A decided status from a day; the day is unknown (null) while an appeal is pending, and the change is set aside when an appeal is upheld.</summary>
public sealed class LicenceStatusChange
{
    public Guid Id { get; init; }
    public Guid LicenceId { get; init; }
    public DecidedStatus Status { get; init; }
    public DateOnly? EffectiveOn { get; set; }
    public Guid? DecisionId { get; init; }
    public required string Reason { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> b)
    {
        b.ToTable("licences");
        b.HasOne<Drivers.Driver>().WithMany().HasForeignKey(licence => licence.DriverId);
        b.HasOne<Vehicles.Vehicle>().WithMany().HasForeignKey(licence => licence.VehicleId);
        b.Property(licence => licence.Type).HasConversion<string>();
        b.HasMany(licence => licence.Grants).WithOne().HasForeignKey(grant => grant.LicenceId);
        b.HasMany(licence => licence.StatusChanges).WithOne().HasForeignKey(change => change.LicenceId);
        b.Ignore(licence => licence.Kind);
    }
}

internal sealed class LicenceGrantConfiguration : IEntityTypeConfiguration<LicenceGrant>
{
    public void Configure(EntityTypeBuilder<LicenceGrant> b) => b.ToTable("licence_grants");
}

internal sealed class LicenceStatusChangeConfiguration : IEntityTypeConfiguration<LicenceStatusChange>
{
    public void Configure(EntityTypeBuilder<LicenceStatusChange> b)
    {
        b.ToTable("licence_status_changes");
        b.Property(change => change.Status).HasConversion<string>();
    }
}
