namespace Intervention.Contracts.Licensing.Http;

/// <summary>A search of the national register before a grant or renewal.</summary>
/// <param name="SearchedOn">The day of the search.</param>
public sealed record SearchRegister(DateOnly? SearchedOn);

/// <summary>A national register entry that matched the driver.</summary>
/// <param name="Decision">The refusal, suspension or revocation recorded.</param>
/// <param name="DecisionOn">The day of the decision.</param>
/// <param name="EffectiveOn">The day it took effect.</param>
public sealed record RegisterMatchView(HearingOutcome Decision, DateOnly DecisionOn, DateOnly? EffectiveOn);

/// <summary>A search of the national register, as recorded on the driver's file.</summary>
/// <param name="DriverId">The driver searched for.</param>
/// <param name="SearchedOn">The day of the search.</param>
/// <param name="Match">Whether any entry matched.</param>
/// <param name="Matches">The entries that matched.</param>
/// <param name="Note">What a match means: a reason for a hearing, never the sole ground of a refusal.</param>
public sealed record RegisterSearchView(Guid DriverId, DateOnly SearchedOn, bool Match, IReadOnlyList<RegisterMatchView> Matches, string Note);
