using Intervention.Contracts.Licensing;
using Licensing.API.Appeals;

namespace Licensing.Tests.Appeals;

public class DefendedRateTests
{
    [Fact]
    public void The_defended_rate_is_dismissed_appeals_over_appeals_determined_with_varied_and_upheld_counted_apart()
    {
        // 17 dismissed of 25 determined: 68%, the council's figure.
        var outcomes = Enumerable.Repeat(AppealOutcome.Dismissed, 17).Concat(Enumerable.Repeat(AppealOutcome.Upheld, 5)).Concat(Enumerable.Repeat(AppealOutcome.Varied, 3));
        var (determined, dismissed, varied, upheld, rate) = DefendedRate.Of(outcomes);
        Assert.Equal((25, 17, 3, 5), (determined, dismissed, varied, upheld));
        Assert.Equal(68.0m, rate);
    }

    [Fact]
    public void With_no_appeal_determined_there_is_no_rate()
    {
        Assert.Null(DefendedRate.Of([]).Rate);
    }
}
