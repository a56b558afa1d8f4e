using Finance.API.Monitoring;
using Intervention.Contracts.Http;

namespace Finance.Tests.Monitoring;

public class RagThresholdsTests
{
    private static readonly RagThresholds Default = new(); // Amber from 1% over budget, Red from 5%

    [Theory]
    [InlineData(1_000_000, 900_000, Rag.Green)]     // underspend
    [InlineData(1_000_000, 1_000_000, Rag.Green)]   // on budget
    [InlineData(1_000_000, 1_009_999.99, Rag.Green)] // just under 1% over
    [InlineData(1_000_000, 1_010_000, Rag.Amber)]   // exactly 1% over
    [InlineData(1_000_000, 1_049_999.99, Rag.Amber)] // just under 5% over
    [InlineData(1_000_000, 1_050_000, Rag.Red)]     // exactly 5% over
    [InlineData(0, 1, Rag.Red)]                     // any spending against no budget
    [InlineData(0, 0, Rag.Green)]
    public void Rates_the_overspend_as_a_share_of_the_budget(double budget, double forecast, Rag expected) =>
        Assert.Equal(expected, Default.Of((decimal)budget, (decimal)forecast));

    [Fact]
    public void The_thresholds_are_configuration()
    {
        var strict = new RagThresholds { AmberAtPercent = 0.5m, RedAtPercent = 2m };
        Assert.Equal(Rag.Red, strict.Of(1_000_000m, 1_020_000m));
        Assert.Equal(Rag.Amber, strict.Of(1_000_000m, 1_005_000m));
    }
}
