using Intervention.Contracts;
using Intervention.Contracts.Governance.Http;

namespace Governance.API.Decisions;

/// <summary>
/// The register as integrators read it: a summary that names a child or a licence (older decisions said "… for child CR-…",
/// "Revocation of licence PH-… on Safeguarding grounds") is withheld; the team and the Commissioners read it as recorded.
/// </summary>
public static class DecisionSummaries
{
    /// <summary>What an integrator reads in place of a summary that names a person.</summary>
    public const string Withheld = "(withheld: the summary names a child or a licence)";

    /// <summary>The decision as an integrator may read it.</summary>
    public static DecisionDetail ForOutsiders(DecisionDetail decision) =>
        PersonalReferences.AnyIn(decision.Summary) || PersonalReferences.AnyIn(decision.Meeting) || PersonalReferences.AnyIn(decision.Reason)
            ? decision with
            {
                Summary = PersonalReferences.AnyIn(decision.Summary) ? Withheld : decision.Summary,
                Meeting = PersonalReferences.AnyIn(decision.Meeting) ? Withheld : decision.Meeting,
                Reason = PersonalReferences.AnyIn(decision.Reason) ? Withheld : decision.Reason,
            }
            : decision;
}
