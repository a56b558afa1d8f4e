using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults.Http;
using Licensing.API.Hearings;
using Licensing.API.Licences;
using Licensing.API.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Licensing.API.Appeals;

/// <summary>An appeal to the magistrates' court against a hearing's decision, lodged within 21 days of notice.</summary>
public sealed class LicensingAppeal
{
    public Guid Id { get; init; }
    public Guid DecisionId { get; init; }
    public DateOnly LodgedOn { get; init; }
    public DateOnly? DecidedOn { get; set; }
    public AppealOutcome? Outcome { get; set; }
    public string? VariedTerms { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    public Hearings.Appeal ToAppeal() => new(LodgedOn, DecidedOn, Outcome);

    /// <summary>
    /// Lodges an appeal against the hearing's decision, once, within the days to appeal (notice day not counted); the decision
    /// then waits for the court unless it had immediate effect. Refused when the hearing has no decision, the outcome cannot
    /// be appealed, an appeal is already recorded, or it is out of time (the refusal says the last day).
    /// </summary>
    /// <param name="hearingId">The hearing whose decision is appealed.</param>
    /// <param name="decided">The decision and the rows its effect moves; null when the hearing is not decided.</param>
    /// <param name="alreadyLodged">Whether an appeal against the decision is already recorded.</param>
    /// <param name="lodgedOn">The day the appeal was lodged.</param>
    /// <param name="effects">When a decision takes effect.</param>
    /// <param name="now">The instant it is recorded.</param>
    public static Decision<AppealChanges> Lodge(
        Guid hearingId, DecisionRows? decided, bool alreadyLodged, DateOnly lodgedOn, EffectDates effects, DateTimeOffset now)
    {
        if (decided?.Decision is not { } decision) return Refusal.ByRule("not-decided", $"Hearing {hearingId} has no decision to appeal.");
        if (!EffectDates.IsAppealable(decision.Outcome))
            return Refusal.ByRule("not-appealable", $"{decision.Outcome} cannot be appealed to the magistrates' court.");
        if (alreadyLodged) return Refusal.ByRule("appeal-already-lodged", $"An appeal against decision {decision.Id} is already recorded.");
        if (!effects.IsAppealInTime(decision.Outcome, decision.NoticeGivenOn, lodgedOn))
        {
            var lastDay = effects.LastDayToAppeal(decision.Outcome, decision.NoticeGivenOn);
            return Refusal.ByRule("appeal-out-of-time",
                $"Notice was given on {decision.NoticeGivenOn:yyyy-MM-dd}; the last day to appeal was {lastDay:yyyy-MM-dd}, and it was lodged on " +
                    $"{lodgedOn:yyyy-MM-dd}.",
                new Dictionary<string, object?> { ["lastDayToAppeal"] = lastDay });
        }
        var appeal = new LicensingAppeal { Id = Guid.CreateVersion7(now), DecisionId = decision.Id, LodgedOn = lodgedOn, RecordedAt = now };
        var effect = effects.Decide(decision.ToHearingDecision(), appeal.ToAppeal());
        return new AppealChanges(appeal, effect, decided.TakeEffect(effect), Determined: null);
    }

    /// <summary>
    /// Records the court's decision, once: upheld sets the hearing's decision aside (and takes it off the national register),
    /// dismissed or varied makes it take effect that day. Refused when already determined, or decided before it was lodged.
    /// </summary>
    /// <param name="request">The court's decision, valid by <see cref="AppealRequests.DetermineProblems"/>.</param>
    /// <param name="decided">The decision appealed and the rows its effect moves.</param>
    /// <param name="licenceReference">The licence concerned, for <see cref="AppealDetermined"/>.</param>
    /// <param name="effects">When a decision takes effect.</param>
    /// <param name="now">The instant it is recorded.</param>
    public Decision<AppealChanges> Determine(DetermineAppeal request, DecisionRows decided, string licenceReference, EffectDates effects, DateTimeOffset now)
    {
        if (Outcome is not null)
            return Refusal.ByRule("appeal-already-determined", $"Appeal {Id} was determined on {DecidedOn:yyyy-MM-dd}: {Outcome}.");
        if (request.DecidedOn < LodgedOn) return Refusal.OfField("decidedOn", $"must not be before the appeal was lodged ({LodgedOn:yyyy-MM-dd})");
        Outcome = request.Outcome;
        DecidedOn = request.DecidedOn;
        VariedTerms = request.VariedTerms?.Trim();
        var effect = effects.Decide(decided.Decision.ToHearingDecision(), ToAppeal());
        var determined = new AppealDetermined
        {
            EventId = Guid.NewGuid(), OccurredAt = now, AppealId = Id, DecisionId = DecisionId, LicenceReference = licenceReference,
            Outcome = Outcome!.Value, DecidedOn = DecidedOn!.Value, EffectiveOn = effect.EffectiveOn,
        };
        return new AppealChanges(this, effect, decided.TakeEffect(effect), determined);
    }
}

/// <summary>A hearing's decision with the rows its effect moves: the licence's status changes and the national register entry.</summary>
/// <param name="Decision">The decision.</param>
/// <param name="StatusChanges">The licence status changes it made.</param>
/// <param name="RegisterEntry">Its national register entry, if it made one.</param>
public sealed record DecisionRows(HearingDecisionRecord Decision, IReadOnlyList<LicenceStatusChange> StatusChanges, RegisterEntry? RegisterEntry)
{
    /// <summary>
    /// Moves the decision's effect, the licence's status changes and the register entry to <paramref name="effect"/>.
    /// Answers the register entry to remove: a decision set aside on appeal never took effect and does not stay on the register.
    /// </summary>
    public RegisterEntry? TakeEffect(DecisionEffect effect)
    {
        Decision.EffectiveOn = effect.EffectiveOn;
        Decision.EffectRule = effect.Rule;
        foreach (var change in StatusChanges)
        {
            change.EffectiveOn = effect.EffectiveOn;
            change.Reason = $"{Decision.Outcome} ({effect.Rule})";
        }
        if (RegisterEntry is null) return null;
        if (effect.Status == EffectStatus.SetAsideOnAppeal) return RegisterEntry;
        RegisterEntry.EffectiveOn = effect.EffectiveOn;
        return null;
    }
}

/// <summary>What lodging or determining an appeal changes, to be saved together.</summary>
/// <param name="Appeal">The appeal, new or determined.</param>
/// <param name="Effect">When the decision appealed now takes effect.</param>
/// <param name="RemovedFromRegister">The national register entry to remove; null when it stays (or there is none).</param>
/// <param name="Determined">The event of the court's decision; null when lodged.</param>
public sealed record AppealChanges(LicensingAppeal Appeal, DecisionEffect Effect, RegisterEntry? RemovedFromRegister, AppealDetermined? Determined);

internal sealed class LicensingAppealConfiguration : IEntityTypeConfiguration<LicensingAppeal>
{
    public void Configure(EntityTypeBuilder<LicensingAppeal> b)
    {
        b.ToTable("appeals");
        b.HasOne<Hearings.HearingDecisionRecord>().WithMany().HasForeignKey(appeal => appeal.DecisionId);
        b.Property(appeal => appeal.Outcome).HasConversion<string>();
    }
}

/// <summary>The share of appeals determined in a period in which the council's decision stood.</summary>
public static class DefendedRate
{
    /// <summary>Defended: dismissed (the decision stood). Varied appeals are counted apart: the court changed the terms.</summary>
    public static (int Determined, int Dismissed, int Varied, int Upheld, decimal? Rate) Of(IEnumerable<AppealOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var dismissed = list.Count(outcome => outcome == AppealOutcome.Dismissed);
        var varied = list.Count(outcome => outcome == AppealOutcome.Varied);
        var upheld = list.Count(outcome => outcome == AppealOutcome.Upheld);
        return (list.Count, dismissed, varied, upheld, list.Count == 0 ? null : Math.Round(100m * dismissed / list.Count, 1));
    }
}
