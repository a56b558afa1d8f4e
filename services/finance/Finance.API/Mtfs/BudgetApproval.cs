using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults.Http;

namespace Finance.API.Mtfs;

/// <summary>
/// Full council approves the first year's budget of an MTFS version. Pure: the version and its gap as computed in, the
/// approval and the decision to report to governance's register out, or the rule that forbids it.
/// </summary>
public static class BudgetApproval
{
    /// <summary>What approving changes: the decision reported to the register, or null when the version was approved before.</summary>
    public sealed record Approved(DecisionRecorded? Recorded);

    /// <summary>
    /// The first year's gap after savings and planned reserves must be zero and its council tax within the referendum limits.
    /// The first approval is kept on the version and reported as a key Council decision on <c>financial-services</c>;
    /// approving again is the same decision and reports nothing new.
    /// </summary>
    public static Decision<Approved> Approve(MtfsVersion version, MtfsGap gap, ApproveBudgetRequest request, DateTimeOffset now)
    {
        var first = gap.Years[0];
        if (first.RemainingGap != 0)
            return Refusal.ByRule(MtfsEndpoints.BudgetNotBalancedRule,
                $"{first.Year}'s gap after savings and planned reserves is {first.RemainingGap:N2} pounds, not zero: the budget does not balance.",
                new Dictionary<string, object?> { ["year"] = first.Year, ["remainingGap"] = first.RemainingGap });
        if (first.ReferendumLimitBreaches.Count > 0)
            return Refusal.ByRule(MtfsEndpoints.ReferendumRule, string.Join("; ", first.ReferendumLimitBreaches),
                new Dictionary<string, object?> { ["year"] = first.Year });
        if (version.ApprovedAt is not null) return new Approved(null);

        version.ApprovedAt = request.DecidedAt!.Value.ToUniversalTime();
        return new Approved(new DecisionRecorded
        {
            EventId = Guid.CreateVersion7(now),
            OccurredAt = now,
            DecisionId = DecisionIdFor(version.Id),
            SourceService = PortfolioNames.Of(Portfolio.Finance),
            Function = "financial-services",
            DecidedAt = version.ApprovedAt.Value,
            Authority = Authority.Council,
            DeciderName = request.DeciderName!.Trim(),
            Meeting = request.Meeting,
            Summary = $"Budget {first.Year} and medium-term financial strategy '{version.Name}' approved; {first.Year} balanced after savings and reserves.",
            KeyDecision = true,
            CallIn = false,
        });
    }

    /// <summary>One decision per version: approving it again is the same decision.</summary>
    public static Guid DecisionIdFor(string versionId) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("finance-budget-approval:" + versionId)));
}
