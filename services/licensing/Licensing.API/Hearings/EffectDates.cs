using Intervention.Contracts.Licensing;

namespace Licensing.API.Hearings;

/// <summary>A hearing's decision as notified to the driver.</summary>
/// <param name="Outcome">What was decided.</param>
/// <param name="NoticeGivenOn">The day notice of the decision was given.</param>
/// <param name="Immediate">Ordered with immediate effect in the interests of public safety (1976 Act s.61(2B)).</param>
/// <param name="ImmediateReasons">Why public safety requires immediate effect; required when <paramref name="Immediate"/>.</param>
public sealed record HearingDecision(HearingOutcome Outcome, DateOnly NoticeGivenOn, bool Immediate = false, string? ImmediateReasons = null);

/// <summary>An appeal to the magistrates' court against a decision.</summary>
/// <param name="LodgedOn">The day the appeal was lodged.</param>
/// <param name="DecidedOn">The day the court decided it; null while pending.</param>
/// <param name="Outcome">The court's decision; null while pending.</param>
public sealed record Appeal(DateOnly LodgedOn, DateOnly? DecidedOn = null, AppealOutcome? Outcome = null);

/// <summary>Where a decision's effect stands.</summary>
public enum EffectStatus
{
    /// <summary>No action or a warning: nothing takes effect.</summary>
    NoEffect,
    /// <summary>Takes (or took) effect on <see cref="DecisionEffect.EffectiveOn"/>.</summary>
    TakesEffect,
    /// <summary>An appeal lodged in time is pending: the decision waits for the court.</summary>
    AwaitingAppeal,
    /// <summary>The court upheld the appeal: the decision never takes effect.</summary>
    SetAsideOnAppeal,
}

/// <summary>When a decision takes effect and by which rule.</summary>
/// <param name="Status">Where the effect stands.</param>
/// <param name="EffectiveOn">The first day the decision is in force; null when it is not (yet) known or never comes.</param>
/// <param name="Rule">A stable code: <c>no-effect</c>, <c>on-notice</c>, <c>immediate-public-safety</c>, <c>21-days-after-notice</c>,
/// <c>appeal-pending</c>, <c>appeal-decided</c>, <c>appeal-upheld</c>.</param>
public sealed record DecisionEffect(EffectStatus Status, DateOnly? EffectiveOn, string Rule);

/// <summary>The hearing periods in days, bindable from <c>Licensing:Hearings</c>; defaults from the 1976 Act.</summary>
public sealed class EffectDatesOptions
{
    public const string Section = "Licensing:Hearings";

    /// <summary>Days after notice that a suspension or revocation takes effect (s.61(2A)).</summary>
    public int EffectDays { get; set; } = 21;
    /// <summary>Days after notice to appeal to the magistrates' court (s.77(1)).</summary>
    public int AppealDays { get; set; } = 21;
}

/// <summary>
/// When a hearing's decision takes effect. A suspension or revocation takes effect 21 days after notice, or, if the driver
/// appeals in time, when the magistrates' court decides the appeal — unless it is ordered with immediate effect in the
/// interests of public safety, with reasons, when it takes effect on the day of notice whatever the appeal. A refusal takes
/// effect on notice. No action and a warning have nothing to take effect. Days are counted after the day of notice:
/// notice on 15 June 2016 gives effect on, and a last day to appeal of, 6 July 2016.
/// </summary>
public sealed class EffectDates(EffectDatesOptions? options = null)
{
    private readonly EffectDatesOptions _options = options ?? new();

    /// <summary>Whether the driver can appeal this outcome to the magistrates' court.</summary>
    public static bool IsAppealable(HearingOutcome outcome) => outcome is HearingOutcome.Suspension or HearingOutcome.Revocation or HearingOutcome.Refusal;

    /// <summary>The last day to lodge an appeal (notice day not counted); null when the outcome cannot be appealed.</summary>
    public DateOnly? LastDayToAppeal(HearingOutcome outcome, DateOnly noticeGivenOn) =>
        IsAppealable(outcome) ? noticeGivenOn.AddDays(_options.AppealDays) : null;

    /// <summary>An appeal is in time when lodged from the day of notice through <see cref="LastDayToAppeal"/>; one lodged the day after is out of
    /// time.</summary>
    public bool IsAppealInTime(HearingOutcome outcome, DateOnly noticeGivenOn, DateOnly lodgedOn) =>
        LastDayToAppeal(outcome, noticeGivenOn) is { } last && lodgedOn >= noticeGivenOn && lodgedOn <= last;

    /// <summary>What a decision must say to be recorded: immediate effect only for a suspension or revocation, and only with reasons. Field name ->
    /// rules broken.</summary>
    public static Dictionary<string, string[]> Validate(HearingDecision decision)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(decision.Outcome))
            errors["outcome"] = [$"must be one of: {string.Join(", ", Enum.GetNames<HearingOutcome>())}"];
        else if (decision.Immediate && decision.Outcome is not (HearingOutcome.Suspension or HearingOutcome.Revocation))
            errors["immediate"] = [$"only a suspension or revocation can be ordered with immediate effect, not {decision.Outcome}"];
        else if (decision.Immediate && string.IsNullOrWhiteSpace(decision.ImmediateReasons))
            errors["immediateReasons"] = ["are required: immediate effect in the interests of public safety (1976 Act s.61(2B)) must give its reasons"];
        return errors;
    }

    /// <summary>When <paramref name="decision"/> takes effect, given the appeal, if any. An appeal out of time changes nothing.</summary>
    /// <exception cref="ArgumentException">The decision fails <see cref="Validate"/> (e.g. immediate without reasons).</exception>
    public DecisionEffect Decide(HearingDecision decision, Appeal? appeal = null)
    {
        var errors = Validate(decision);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors.Select(error => $"{error.Key} {string.Join(", ", error.Value)}")), nameof(decision));

        var notice = decision.NoticeGivenOn;
        switch (decision.Outcome)
        {
            case HearingOutcome.NoAction or HearingOutcome.Warning:
                return new(EffectStatus.NoEffect, null, "no-effect");
            case HearingOutcome.Refusal:
                return new(EffectStatus.TakesEffect, notice, "on-notice");
        }
        // Public safety does not wait for the court.
        if (decision.Immediate) return new(EffectStatus.TakesEffect, notice, "immediate-public-safety");

        if (appeal is not null && IsAppealInTime(decision.Outcome, notice, appeal.LodgedOn))
            return (appeal.DecidedOn, appeal.Outcome) switch
            {
                ({ }, AppealOutcome.Upheld) => new(EffectStatus.SetAsideOnAppeal, null, "appeal-upheld"),
                ({ } decided, { }) => new(EffectStatus.TakesEffect, decided, "appeal-decided"),
                _ => new(EffectStatus.AwaitingAppeal, null, "appeal-pending"),
            };
        return new(EffectStatus.TakesEffect, notice.AddDays(_options.EffectDays), "21-days-after-notice");
    }
}
