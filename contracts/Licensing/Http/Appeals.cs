namespace Intervention.Contracts.Licensing.Http;

/// <summary>An appeal lodged with the magistrates' court against a hearing's decision.</summary>
/// <param name="LodgedOn">The day it was lodged.</param>
public sealed record LodgeAppeal(DateOnly? LodgedOn);

/// <summary>The court's decision; varied terms are required when it varied the decision.</summary>
/// <param name="Outcome">What the court decided.</param>
/// <param name="DecidedOn">The day it decided.</param>
/// <param name="VariedTerms">The terms the court substituted, when it varied the decision.</param>
public sealed record DetermineAppeal(AppealOutcome? Outcome, DateOnly? DecidedOn, string? VariedTerms = null);

/// <summary>An appeal and the effect it has on the decision appealed.</summary>
/// <param name="Id">The appeal's id.</param>
/// <param name="DecisionId">The decision appealed.</param>
/// <param name="LicenceReference">The licence concerned.</param>
/// <param name="LodgedOn">The day it was lodged.</param>
/// <param name="DecidedOn">The day the court decided, once it has.</param>
/// <param name="Outcome">What the court decided, once it has.</param>
/// <param name="VariedTerms">The terms the court substituted.</param>
/// <param name="DecisionEffectiveOn">The day the decision takes effect now; null while the appeal is pending.</param>
/// <param name="EffectRule">The rule that set it, in words.</param>
public sealed record AppealView(Guid Id, Guid DecisionId, string LicenceReference, DateOnly LodgedOn, DateOnly? DecidedOn, AppealOutcome? Outcome,
    string? VariedTerms,
    DateOnly? DecisionEffectiveOn, string EffectRule);

/// <summary>The share of appeals decided in a period in which the council's decision stood (dismissed).</summary>
/// <param name="From">The period's first day.</param>
/// <param name="To">The period's last day.</param>
/// <param name="Determined">Appeals decided in the period.</param>
/// <param name="Dismissed">Of them, dismissed: the decision stood.</param>
/// <param name="Varied">Of them, varied.</param>
/// <param name="Upheld">Of them, upheld: the decision was overturned.</param>
/// <param name="Pending">Appeals lodged and not yet decided.</param>
/// <param name="DefendedPercent">Dismissed over determined, as a percentage; null when none was determined.</param>
public sealed record DefendedRateView(DateOnly From, DateOnly To, int Determined, int Dismissed, int Varied, int Upheld, int Pending, decimal? DefendedPercent);
