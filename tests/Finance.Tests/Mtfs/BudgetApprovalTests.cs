using Finance.API.Mtfs;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance;

namespace Finance.Tests.Mtfs;

/// <summary>Full council's approval of the first year's budget, decided over the version and its gap as computed.</summary>
public class BudgetApprovalTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2016-03-02T20:00:00Z");
    private static readonly ApproveBudgetRequest FullCouncil = new() { DecidedAt = DateTimeOffset.Parse("2016-03-02T19:30:00Z"), DeciderName = " Full Council " };

    private static MtfsVersion Version() => new() { Id = "mtfs-2016-19", Name = "MTFS 2016-19", FirstYear = 2016, YearCount = 3, CreatedAt = Now };

    private static MtfsGap Gap(decimal remaining, params string[] breaches) => new("mtfs-2016-19", "MTFS 2016-19", null, false,
        [new MtfsGapYear("2016-17", 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, remaining, 0m, 1m, remaining, breaches)]);

    [Fact]
    public void A_balanced_budget_is_approved_once_and_reported_to_the_decision_register()
    {
        var version = Version();

        var approved = BudgetApproval.Approve(version, Gap(0m), FullCouncil, Now).Changes!;

        Assert.Equal(FullCouncil.DecidedAt, version.ApprovedAt);
        Assert.Equal(("finance", "financial-services", Authority.Council, "Full Council", true), (approved.Recorded!.SourceService,
            approved.Recorded.Function, approved.Recorded.Authority, approved.Recorded.DeciderName, approved.Recorded.KeyDecision));
        Assert.Equal(BudgetApproval.DecisionIdFor("mtfs-2016-19"), approved.Recorded.DecisionId);
        Assert.Null(BudgetApproval.Approve(version, Gap(0m), FullCouncil, Now.AddDays(1)).Changes!.Recorded);
    }

    [Fact]
    public void A_budget_with_a_remaining_gap_is_not_balanced()
    {
        var refusal = BudgetApproval.Approve(Version(), Gap(1_250_000m), FullCouncil, Now).Refused!;

        Assert.Equal(MtfsEndpoints.BudgetNotBalancedRule, refusal.Rule);
        Assert.Equal(1_250_000m, refusal.Extensions!["remainingGap"]);
    }

    [Fact]
    public void A_council_tax_rise_past_the_referendum_limit_is_refused()
    {
        var refusal = BudgetApproval.Approve(Version(), Gap(0m, "2016-17: a core increase of 4% is excessive"), FullCouncil, Now).Refused!;

        Assert.Equal(MtfsEndpoints.ReferendumRule, refusal.Rule);
        Assert.Null(Version().ApprovedAt);
    }
}
