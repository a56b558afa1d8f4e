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
public static class DecisionNotices
{
    public static void Publish(LicensingDb db, CaseHearing hearing, HearingDecisionRecord decision, Licence licence, DateTimeOffset now)
    {
        db.AddEvent(new DecisionRecorded
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
        }, now);
        db.AddEvent(new LicensingDecisionMade
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
        }, now);
        if (decision.Grounds == DecisionGrounds.Safeguarding)
            db.AddEvent(new SafeguardingConcernRaised
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
            }, now);
    }

    private static string Words(LicenceType type) => type switch
    {
        LicenceType.HackneyCarriage => "hackney carriage driver's",
        LicenceType.PrivateHire => "private hire driver's",
        LicenceType.Vehicle => "vehicle",
        _ => "private hire operator's",
    };
}
