using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.Messaging;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;

namespace Licensing.API.Hearings;

/// <summary>
/// What a hearing's decision tells the rest of the system, through the outbox in the decision's own transaction: the
/// decision register (governance), the licensing event for integrators, and the children's front door on safeguarding
/// grounds. None of them carries the driver's personal details; only the restricted ones (police audience) carry the licence reference.
/// </summary>
/// <param name="Recorded">For governance's decision register.</param>
/// <param name="Made">The licensing event.</param>
/// <param name="Concern">For the children's front door, on safeguarding grounds only.</param>
public sealed record DecisionNotices(DecisionRecorded Recorded, LicensingDecisionMade Made, SafeguardingConcernRaised? Concern)
{
    /// <summary>The notices of <paramref name="decision"/>, made at <paramref name="hearing"/> about <paramref name="licence"/>.</summary>
    public static DecisionNotices Of(CaseHearing hearing, HearingDecisionRecord decision, Licence licence, DateTimeOffset now) => new(
        new DecisionRecorded
        {
            EventId = Guid.NewGuid(),
            OccurredAt = now,
            DecisionId = decision.Id,
            SourceService = "licensing",
            Function = HearingPanel.Function,
            DecidedAt = HearingPanel.SittingAt(hearing.HeldOn),
            Authority = hearing.DecisionMakerAuthority,
            DeciderName = hearing.DecisionMakerName,
            Meeting = $"Licensing case hearing of {hearing.HeldOn:yyyy-MM-dd}",
            // DecisionRecorded is public: no licence reference (it identifies the driver) and no grounds tied to one. The decision
            // id is the same as LicensingDecisionMade's, which the licensing team and the police audience can read.
            Summary = $"{decision.Outcome} of a {Words(licence.Type)} licence" +
                      (decision.EffectiveOn is { } on ? $", effective {on:yyyy-MM-dd}" : "") + (decision.Immediate ? " (immediate effect)" : ""),
            KeyDecision = false,
            CallIn = false,
        },
        new LicensingDecisionMade
        {
            EventId = Guid.NewGuid(),
            OccurredAt = now,
            DecisionId = decision.Id,
            HearingId = hearing.Id,
            LicenceReference = licence.Reference,
            LicenceType = licence.Type,
            Outcome = decision.Outcome,
            Grounds = decision.Grounds,
            DecidedOn = hearing.HeldOn,
            EffectiveOn = decision.EffectiveOn,
            Immediate = decision.Immediate,
        },
        decision.Grounds != DecisionGrounds.Safeguarding ? null : new SafeguardingConcernRaised
        {
            EventId = Guid.NewGuid(),
            OccurredAt = now,
            LicenceReference = licence.Reference,
            LicenceType = licence.Type,
            DecisionId = decision.Id,
            Outcome = decision.Outcome,
            DecidedOn = hearing.HeldOn,
            EffectiveOn = decision.EffectiveOn,
            Immediate = decision.Immediate,
        });

    /// <summary>Puts the notices in the outbox, in the decision's unit of work.</summary>
    public void AddTo(LicensingDb db, DateTimeOffset now)
    {
        db.AddEvent(Recorded, now);
        db.AddEvent(Made, now);
        if (Concern is not null) db.AddEvent(Concern, now);
    }

    private static string Words(LicenceType type) => type switch
    {
        LicenceType.HackneyCarriage => "hackney carriage driver's",
        LicenceType.PrivateHire => "private hire driver's",
        LicenceType.Vehicle => "vehicle",
        _ => "private hire operator's",
    };
}
