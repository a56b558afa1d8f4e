using Finance.API.Monitoring;
using Intervention.Contracts.Http;

namespace Finance.Tests.Monitoring;

public class SavingsAtRiskTests
{
    private static SavingsProposal Proposal(Rag rag, decimal value, decimal delivered) => new()
    {
        Code = "day-care", Year = 2017, Directorate = "adult-care", Description = "Day care modernisation", Owner = "Strategic Director",
        Value = value, Delivered = delivered, Rag = rag,
    };

    [Fact]
    public void A_red_proposal_puts_its_undelivered_value_at_risk() => Assert.Equal(250_000m, MonitoringReports.AtRisk(Proposal(Rag.Red, 400_000m, 150_000m)));

    [Theory]
    [InlineData(Rag.Amber)]
    [InlineData(Rag.Green)]
    public void Amber_and_green_proposals_are_counted_on(Rag rag) => Assert.Equal(0m, MonitoringReports.AtRisk(Proposal(rag, 400_000m, 150_000m)));

    [Fact]
    public void A_red_proposal_fully_delivered_puts_nothing_at_risk() => Assert.Equal(0m, MonitoringReports.AtRisk(Proposal(Rag.Red, 400_000m, 400_000m)));
}
