using Finance.API.Monitoring;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Http;

namespace Finance.Tests.Monitoring;

/// <summary>Virements and monthly forecast returns decided over what is loaded: no host, no database.</summary>
public class MonitoringDecisionsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2017-08-10T09:00:00Z");
    private static readonly FinancialYear Year2017 = new(2017);
    private static readonly Guid Id = Guid.Parse("1b0ee1f0-94a4-4d6a-8a43-1f7f4e1b0c11");
    private static readonly RagThresholds Rag1And5 = new();
    private static readonly CostCentre AdultSocialCare = new() { Code = "adult-social-care", Directorate = "adult-care", Name = "Adult social care" };

    private static VirementRequest Winter(decimal amount, string? cabinet = null) =>
        new() { From = "central", To = "care-homes", Amount = amount, Reason = " winter pressures ", CabinetDecision = cabinet };

    [Fact]
    public void A_virement_up_to_the_threshold_is_recorded_without_a_Cabinet_decision()
    {
        var virement = Virement.Record(null, Id, Year2017, Winter(500_000m), cabinetThreshold: 500_000m, Now).Changes!;

        Assert.Equal((Id, 2017, "central", "care-homes", 500_000m, "winter pressures"),
            (virement.Id, virement.Year, virement.FromCostCentre, virement.ToCostCentre, virement.Amount, virement.Reason));
    }

    [Fact]
    public void A_virement_over_the_threshold_needs_a_Cabinet_decision()
    {
        var refusal = Virement.Record(null, Id, Year2017, Winter(500_000.01m), cabinetThreshold: 500_000m, Now).Refused!;

        Assert.Equal(MonitoringEndpoints.CabinetApprovalRule, refusal.Rule);
        Assert.Equal(500_000m, refusal.Extensions!["threshold"]);
        Assert.NotNull(Virement.Record(null, Id, Year2017, Winter(500_000.01m, "Cabinet, 11 December 2017, minute 84"), 500_000m, Now).Changes);
    }

    [Fact]
    public void The_same_virement_again_is_the_one_recorded_and_other_figures_under_its_id_are_refused()
    {
        var recorded = Virement.Record(null, Id, Year2017, Winter(1_000m), 500_000m, Now).Changes!;

        Assert.Same(recorded, Virement.Record(recorded, Id, Year2017, Winter(1_000m), 500_000m, Now).Changes);
        Assert.Equal("virement-id-reused", Virement.Record(recorded, Id, Year2017, Winter(2_000m), 500_000m, Now).Refused!.Rule);
    }

    private static ForecastReturnRequest Return(decimal actuals, decimal remaining, string? action = null) =>
        new() { ActualsToDate = actuals, ForecastRemaining = remaining, ManagementAction = action };

    [Fact]
    public void A_first_return_over_budget_needs_a_management_action()
    {
        var refusal = ForecastReturn.Record(null, null, AdultSocialCare, 10_000_000m, Year2017, 3, Return(2_500_000m, 7_600_000m), Rag1And5, Now).Refused!;

        Assert.Equal(MonitoringEndpoints.ManagementActionRule, refusal.Rule);
        Assert.Equal(10_000_000m, refusal.Extensions!["previousForecastOutturn"]);
    }

    [Fact]
    public void A_return_worse_than_last_months_with_a_management_action_is_recorded_and_its_RAG_crossing_published()
    {
        var p3 = ForecastReturn.Record(null, null, AdultSocialCare, 10_000_000m, Year2017, 3, Return(2_500_000m, 7_500_000m), Rag1And5, Now).Changes!;
        Assert.Null(p3.Changed); // on budget: Green, as the budget was

        var p4 = ForecastReturn.Record(null, p3.Return, AdultSocialCare, 10_000_000m, Year2017, 4,
            Return(3_400_000m, 6_900_000m, " Spending controls "), Rag1And5, Now).Changes!;

        Assert.Equal((10_300_000m, Rag.Amber, "Spending controls"), (p4.Return.ForecastOutturn, p4.Rag, p4.Return.ManagementAction));
        Assert.Equal((Rag.Green, Rag.Amber, "monitoring return P4", "2017-18", "adult-care"),
            (p4.Changed!.PreviousRag, p4.Changed.Rag, p4.Changed.Cause, p4.Changed.Year, p4.Changed.Directorate));
    }

    [Fact]
    public void A_month_returned_again_amends_the_return_recorded()
    {
        var first = ForecastReturn.Record(null, null, AdultSocialCare, 10_000_000m, Year2017, 3, Return(2_500_000m, 7_000_000m), Rag1And5, Now).Changes!;

        var again = ForecastReturn.Record(first.Return, null, AdultSocialCare, 10_000_000m, Year2017, 3, Return(2_600_000m, 7_000_000m), Rag1And5, Now).Changes!;

        Assert.Same(first.Return, again.Return);
        Assert.False(again.IsNew);
        Assert.Equal(9_600_000m, first.Return.ForecastOutturn);
    }

    [Fact]
    public void The_placements_cost_centre_is_forecast_from_demand_not_by_monthly_return()
    {
        Assert.Equal(MonitoringEndpoints.DemandLedRule, ForecastReturn.DemandLed("children-placements", placementsCostCentre: "children-placements")!.Rule);
        Assert.Null(ForecastReturn.DemandLed("adult-social-care", placementsCostCentre: "children-placements"));
    }

    [Fact]
    public void A_return_for_a_cost_centre_without_a_budget_for_the_year_is_refused_naming_the_cost_centre()
    {
        var refusal = ForecastReturn.Record(null, null, AdultSocialCare, budget: null, Year2017, 3, Return(2_500_000m, 7_000_000m), Rag1And5, Now).Refused!;

        Assert.Equal(["'adult-social-care' has no budget for 2017-18: set one first"], refusal.Fields!["costCentre"]);
    }

    [Fact]
    public void A_recorded_return_answers_with_the_cost_centres_monitoring_line()
    {
        var recorded = ForecastReturn.Record(null, null, AdultSocialCare, 10_000_000m, Year2017, 4,
            Return(3_400_000m, 6_900_000m, "Spending controls"), Rag1And5, Now).Changes!;

        Assert.Equal(new CostCentreMonitoring("adult-social-care", "Adult social care", 10_000_000m, 10_300_000m, 300_000m, Rag.Amber, "return P4",
            3_400_000m, "Spending controls"), recorded.Monitoring(AdultSocialCare));
    }
}
