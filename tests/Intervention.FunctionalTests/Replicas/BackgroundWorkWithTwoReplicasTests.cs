using Xunit;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Replicas;

/// <summary>Work each service does by itself, done once although two instances of it look for it.</summary>
[Collection(TwoReplicasSystem.Name)]
public sealed class BackgroundWorkWithTwoReplicasTests(TwoReplicasSystem two)
{
    private AspireSystem System => two.System;

    [Fact]
    public async Task A_review_date_two_governance_instances_both_see_arrive_is_announced_once()
    {
        Assert.Equal(TwoReplicasSystem.Replicas, System.ProcessIds("governance").Count);
        const string reviewDue = "Intervention.Contracts.Governance.ReviewDue";
        var today = TwoReplicasSystem.Today.ToString("yyyy-MM-dd");
        var announced = $"SELECT count(*) FROM outbox_messages WHERE message_type = '{reviewDue}' AND body->>'reviewDate' = '{today}'";
        await WaitUntilAsync(async () => await System.CountAsync("governance", announced) >= 1, TimeSpan.FromSeconds(30),
            () => $"the review of {today} was not announced.\n{System.Logs("governance", 20)}");

        // Each instance has looked a dozen times more since.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await System.CountAsync("governance", announced));
        Assert.Equal(1, await System.CountAsync("governance", $"SELECT count(*) FROM review_announcements WHERE review_date = '{today}'"));
    }
}
