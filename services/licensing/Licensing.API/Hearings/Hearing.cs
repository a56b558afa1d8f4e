using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Drivers;
using Licensing.API.Licences;
using Licensing.API.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Hearings;

/// <summary>
/// A case hearing for a driver who may be in breach. The decision-maker is whoever held the licensing function on the day
/// of the hearing, read from this service's copy of the Directions when it was scheduled.
/// </summary>
public sealed class CaseHearing
{
    public Guid Id { get; init; }
    public Guid DriverId { get; init; }
    public Guid LicenceId { get; init; }
    public DateOnly HeldOn { get; init; }
    public required string Grounds { get; init; }
    public Authority DecisionMakerAuthority { get; set; }
    public Oversight DecisionMakerOversight { get; set; }
    public required string DecisionMakerName { get; set; }
    public Guid DirectionsId { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public List<HearingMember> Members { get; init; } = [];
    public List<HearingRecordEntry> Record { get; init; } = [];
    public HearingDecisionRecord? Decision { get; set; }

    /// <summary>
    /// Schedules a hearing of <paramref name="licence"/> on the day asked, decided by <paramref name="holder"/> (who held the
    /// licensing function that day under the Directions). Refused when the day is before the application, or when no
    /// Directions assign the function that day.
    /// </summary>
    public static Decision<CaseHearing> Schedule(
        ScheduleHearing request, Licence licence, AuthorityAssignment? holder, HearingPanel panel, DateTimeOffset now)
    {
        var heldOn = request.HeldOn!.Value;
        if (HearingPanel.HeldBeforeApplication(heldOn, licence.AppliedOn) is { } tooEarly)
            return Refusal.OfField("heldOn", tooEarly, HearingRequests.ScheduleTitle);
        if (holder is null) return NoDecisionMaker(heldOn);

        var hearing = new CaseHearing
        {
            Id = Guid.CreateVersion7(now), DriverId = licence.DriverId!.Value, LicenceId = licence.Id, HeldOn = heldOn, Grounds = request.Grounds!.Trim(),
            DecisionMakerAuthority = holder.Authority, DecisionMakerOversight = holder.Oversight,
            DecisionMakerName = panel.DecisionMakerName(holder.Authority), DirectionsId = holder.DirectionsId, RecordedAt = now,
        };
        hearing.Members.AddRange((request.Members ?? []).Select(member => new HearingMember
        {
            HearingId = hearing.Id, Name = member.Name!.Trim(), Role = member.Role ?? MemberRole.Advisory,
            Interest = string.IsNullOrWhiteSpace(member.Interest) ? null : member.Interest.Trim(),
        }));
        return hearing;
    }

    /// <summary>A member of the panel declares an interest and takes no part from then on; only before the decision.</summary>
    public Decision<HearingMember> DeclareInterest(string memberName, string interest)
    {
        var member = MemberNamed(memberName.Trim());
        if (member is null) return Refusal.OfField("member", $"'{memberName}' is not a member of this panel");
        if (Decision is not null)
            return Refusal.ByRule("hearing-already-decided", $"Hearing {Id} was decided; interests are declared before the decision.");
        member.Interest = interest.Trim();
        return member;
    }

    /// <summary>
    /// Adds a question from a member or a statement by the driver to the record, in order. The record closes with the
    /// decision, and a member who declared an interest puts no question.
    /// </summary>
    public Decision<HearingRecordEntry> AddToRecord(RecordKind kind, string speaker, string text, DateTimeOffset now)
    {
        if (Decision is not null) return Refusal.ByRule("hearing-already-decided", $"Hearing {Id} was decided; its record is closed.");
        speaker = speaker.Trim();
        if (kind == RecordKind.Question && MemberNamed(speaker) is { TakesPart: false } member)
            return Refusal.ByRule("member-has-interest", $"{member.Name} declared an interest ({member.Interest}) and takes no part in hearing {Id}.");
        var entry = new HearingRecordEntry
        {
            Id = Guid.CreateVersion7(now), HearingId = Id, Seq = Record.Count + 1, Kind = kind, Speaker = speaker, Text = text.Trim(), RecordedAt = now,
        };
        Record.Add(entry);
        return entry;
    }

    /// <summary>
    /// Decides the hearing, once, on or after its day: the decision with its written reasons, when it takes effect, the
    /// licence's status change, the national register entry for a refusal, suspension or revocation on safeguarding or
    /// road-safety grounds, and the notices to the rest of the system. Refused when it was decided already, is not yet held,
    /// notice is dated before it, every decision-making member declared an interest, no Directions assign the function that
    /// day, or the caller is a Commissioner and the Directions gave the function to someone else.
    /// </summary>
    /// <param name="request">The decision asked for, valid by <see cref="HearingRequests.DecideProblems"/>.</param>
    /// <param name="context">Who held the function on the hearing's day, who asks, and the licence and driver concerned.</param>
    /// <param name="now">The instant it is recorded.</param>
    public Decision<HearingDecided> Decide(DecideHearing request, DecidingContext context, DateTimeOffset now)
    {
        if (RefusalToDecide(request, context) is { } refused) return refused;
        var holder = context.Holder!;
        // Directions recorded since the hearing was scheduled may have changed who held the function that day.
        if (holder.DirectionsId != DirectionsId)
        {
            DecisionMakerAuthority = holder.Authority;
            DecisionMakerOversight = holder.Oversight;
            DecisionMakerName = context.Panel.DecisionMakerName(holder.Authority);
            DirectionsId = holder.DirectionsId;
        }

        var decided = HearingRequests.ToDecision(request);
        var effect = context.Effects.Decide(decided);
        Decision = new HearingDecisionRecord
        {
            Id = Guid.CreateVersion7(now), HearingId = Id, Outcome = decided.Outcome, Grounds = request.Grounds!.Value, Reasons = request.Reasons!.Trim(),
            Immediate = decided.Immediate, ImmediateReasons = decided.ImmediateReasons?.Trim(), NoticeGivenOn = decided.NoticeGivenOn,
            EffectiveOn = effect.EffectiveOn, EffectRule = effect.Rule, RecordedAt = now,
        };
        var statusChange = StatusFor(Decision.Outcome) is { } status
            ? new LicenceStatusChange
            {
                Id = Guid.CreateVersion7(now), LicenceId = LicenceId, Status = status, EffectiveOn = effect.EffectiveOn, DecisionId = Decision.Id,
                Reason = $"{Decision.Outcome} decided at the hearing of {HeldOn:yyyy-MM-dd} ({effect.Rule})", RecordedAt = now,
            }
            : null;
        var entry = HearingPanel.GoesToNationalRegister(Decision.Outcome, Decision.Grounds) ? RegisterEntryFor(context.Driver, now) : null;
        return new HearingDecided(Decision, statusChange, entry, DecisionNotices.Of(this, Decision, context.Licence, now));
    }

    /// <summary>
    /// What <see cref="Decide"/> would answer now, before it is asked: the decision-maker of the hearing's day, when the decision
    /// takes effect, the last day to appeal, the licence's status and whether it goes to the national register; or the same
    /// refusal. It runs <see cref="Decide"/> itself, so a preview never disagrees with the decision, and puts the hearing
    /// back as it was: nothing is recorded.
    /// </summary>
    /// <param name="request">The decision asked for, valid by <see cref="HearingRequests.DecideProblems"/>.</param>
    /// <param name="context">As for <see cref="Decide"/>.</param>
    /// <param name="now">The instant of the preview.</param>
    public Decision<HearingDecisionPreview> PreviewDecision(DecideHearing request, DecidingContext context, DateTimeOffset now)
    {
        var (decision, authority, oversight, name, directionsId) = (Decision, DecisionMakerAuthority, DecisionMakerOversight, DecisionMakerName, DirectionsId);
        try
        {
            var decided = Decide(request, context, now);
            if (decided.Changes is not { } changes) return decided.Refused!;
            var made = changes.Decision;
            return new HearingDecisionPreview(Id, HeldOn,
                new DecisionMakerView(DecisionMakerAuthority, DecisionMakerOversight, DecisionMakerName, DirectionsId),
                made.Outcome, made.Grounds, made.Immediate, made.NoticeGivenOn, made.EffectiveOn, made.EffectRule,
                context.Effects.LastDayToAppeal(made.Outcome, made.NoticeGivenOn), changes.StatusChange?.Status, changes.RegisterEntry is not null);
        }
        finally
        {
            (Decision, DecisionMakerAuthority, DecisionMakerOversight, DecisionMakerName, DirectionsId) = (decision, authority, oversight, name, directionsId);
        }
    }

    private Refusal? RefusalToDecide(DecideHearing request, DecidingContext context)
    {
        if (Decision is { } earlier)
            return Refusal.ByRule("hearing-already-decided", $"Hearing {Id} was decided on {earlier.NoticeGivenOn:yyyy-MM-dd}: {earlier.Outcome}.");
        if (HeldOn > context.Today)
            return Refusal.ByRule("hearing-not-yet-held", $"Hearing {Id} is to be held on {HeldOn:yyyy-MM-dd}; it cannot be decided before.");
        if (request.NoticeGivenOn < HeldOn) return Refusal.OfField("noticeGivenOn", $"must not be before the hearing of {HeldOn:yyyy-MM-dd}");
        var deciders = Members.Where(member => member.Role == MemberRole.DecisionMaker).ToList();
        if (deciders.Count > 0 && !deciders.Any(member => member.TakesPart))
            return Refusal.ByRule("no-member-without-interest", $"Every decision-making member of hearing {Id} declared an interest: none may take part.");
        if (context.Holder is not { } holder) return NoDecisionMaker(HeldOn);
        // A Commissioner decides only what the Directions give the Commissioners; the licensing team records any decision.
        if (!context.RecordsAnyDecision && holder.Authority != Authority.Commissioners)
            return Refusal.Forbidden("Not the Commissioners' decision",
                $"On {HeldOn:yyyy-MM-dd} the Directions gave the '{HearingPanel.Function}' function to the {holder.Authority}, not the Commissioners.");
        return null;
    }

    private RegisterEntry RegisterEntryFor(Driver driver, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), DecisionId = Decision!.Id, Name = driver.Name, DateOfBirth = driver.DateOfBirth, Address = driver.Address,
        NiNumber = driver.NiNumber, DrivingLicenceNumber = driver.DrivingLicenceNumber, Decision = Decision.Outcome, DecisionOn = HeldOn,
        EffectiveOn = Decision.EffectiveOn, KeepUntil = HearingPanel.KeepRegisterEntryUntil(HeldOn), RecordedAt = now,
    };

    private HearingMember? MemberNamed(string name) =>
        Members.FirstOrDefault(member => string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Refusal NoDecisionMaker(DateOnly heldOn) => Refusal.ByRule("no-decision-maker",
        $"No Directions known to the licensing service assign the '{HearingPanel.Function}' function on {heldOn:yyyy-MM-dd}.");

    /// <summary>The licence status a hearing's outcome decides; null for no action or a warning.</summary>
    public static DecidedStatus? StatusFor(HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.Suspension => DecidedStatus.Suspended,
        HearingOutcome.Revocation => DecidedStatus.Revoked,
        HearingOutcome.Refusal => DecidedStatus.Refused,
        _ => null,
    };
}

/// <summary>What a hearing's decision is taken with, loaded before it is decided.</summary>
/// <param name="Today">The council's day now: a hearing is not decided before it is held.</param>
/// <param name="Holder">Who held the licensing function on the hearing's day under the Directions known now; null when no one.</param>
/// <param name="RecordsAnyDecision">True for the licensing team, who record any decision; false for a Commissioner.</param>
/// <param name="Licence">The licence heard.</param>
/// <param name="Driver">The driver heard (the national register holds their details).</param>
/// <param name="Panel">The decision-makers' names.</param>
/// <param name="Effects">When a decision takes effect.</param>
public sealed record DecidingContext(
    DateOnly Today, AuthorityAssignment? Holder, bool RecordsAnyDecision, Licence Licence, Driver Driver, HearingPanel Panel, EffectDates Effects);

/// <summary>What deciding a hearing changes, to be saved together.</summary>
/// <param name="Decision">The decision, now the hearing's.</param>
/// <param name="StatusChange">The licence's status change for a suspension, revocation or refusal; null otherwise.</param>
/// <param name="RegisterEntry">The national register entry, when the decision goes there.</param>
/// <param name="Notices">The events for the rest of the system.</param>
public sealed record HearingDecided(HearingDecisionRecord Decision, LicenceStatusChange? StatusChange, RegisterEntry? RegisterEntry, DecisionNotices Notices);

/// <summary>A member of the panel. One who has declared an interest takes no part.</summary>
public sealed class HearingMember
{
    public Guid HearingId { get; init; }
    public required string Name { get; init; }
    public MemberRole Role { get; init; }
    public string? Interest { get; set; }

    public bool TakesPart => Interest is null;
}

/// <summary>One entry of the hearing's record, in order.</summary>
public sealed class HearingRecordEntry
{
    public Guid Id { get; init; }
    public Guid HearingId { get; init; }
    public int Seq { get; init; }
    public RecordKind Kind { get; init; }
    public required string Speaker { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The hearing's decision with its written reasons and when it takes effect. Its id is its id in governance's decision register.</summary>
public sealed class HearingDecisionRecord
{
    public Guid Id { get; init; }
    public Guid HearingId { get; init; }
    public HearingOutcome Outcome { get; init; }
    public DecisionGrounds Grounds { get; init; }
    public required string Reasons { get; init; }
    public bool Immediate { get; init; }
    public string? ImmediateReasons { get; init; }
    public DateOnly NoticeGivenOn { get; init; }
    public DateOnly? EffectiveOn { get; set; }
    public required string EffectRule { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public HearingDecision ToHearingDecision() => new(Outcome, NoticeGivenOn, Immediate, ImmediateReasons);
}

internal sealed class CaseHearingConfiguration : IEntityTypeConfiguration<CaseHearing>
{
    public void Configure(EntityTypeBuilder<CaseHearing> b)
    {
        b.ToTable("hearings");
        b.HasOne<Drivers.Driver>().WithMany().HasForeignKey(hearing => hearing.DriverId);
        b.HasOne<Licences.Licence>().WithMany().HasForeignKey(hearing => hearing.LicenceId);
        b.Property(hearing => hearing.DecisionMakerAuthority).HasConversion<string>();
        b.Property(hearing => hearing.DecisionMakerOversight).HasConversion<string>();
        b.HasMany(hearing => hearing.Members).WithOne().HasForeignKey(member => member.HearingId);
        b.HasMany(hearing => hearing.Record).WithOne().HasForeignKey(entry => entry.HearingId);
        b.HasOne(hearing => hearing.Decision).WithOne().HasForeignKey<HearingDecisionRecord>(decision => decision.HearingId);
    }
}

internal sealed class HearingMemberConfiguration : IEntityTypeConfiguration<HearingMember>
{
    public void Configure(EntityTypeBuilder<HearingMember> b)
    {
        b.ToTable("hearing_members");
        b.HasKey(member => new { member.HearingId, member.Name });
        b.Property(member => member.Role).HasConversion<string>();
        b.Ignore(member => member.TakesPart);
    }
}

internal sealed class HearingRecordEntryConfiguration : IEntityTypeConfiguration<HearingRecordEntry>
{
    public void Configure(EntityTypeBuilder<HearingRecordEntry> b)
    {
        b.ToTable("hearing_record");
        b.Property(entry => entry.Kind).HasConversion<string>();
    }
}

internal sealed class HearingDecisionRecordConfiguration : IEntityTypeConfiguration<HearingDecisionRecord>
{
    public void Configure(EntityTypeBuilder<HearingDecisionRecord> b)
    {
        b.ToTable("hearing_decisions");
        b.Property(decision => decision.Outcome).HasConversion<string>();
        b.Property(decision => decision.Grounds).HasConversion<string>();
    }
}
