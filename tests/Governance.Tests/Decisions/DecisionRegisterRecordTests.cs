using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using static Governance.Tests.Decisions.Registers;

namespace Governance.Tests.Decisions;

/// <summary>Taking a reported decision into the register, as loaded: new, the same again, or another decision under its id.</summary>
public class DecisionRegisterRecordTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2016-12-20T12:00:00Z");

    [Fact]
    public void The_Licensing_Boards_decision_of_20_December_2016_is_recorded_questioned_and_published()
    {
        var reported = Decision("licensing", Authority.Council, "2016-12-20T10:00:00Z");

        var recorded = Assert.IsType<DecisionRegister.Recorded>(DecisionRegister.Record(null, reported, Intervention2015(), Now));

        Assert.True(recorded.Decision.IsQuestioned);
        Assert.Equal(Now, recorded.Decision.CheckedAt);
        Assert.Equal((reported.Id, Authority.Commissioners), (recorded.Questioned!.DecisionId, recorded.Questioned.HeldBy));
    }

    [Fact]
    public void A_decision_by_the_holder_is_recorded_valid_and_publishes_nothing()
    {
        var reported = Decision("licensing", Authority.Commissioners, "2016-12-20T10:00:00Z");

        var recorded = Assert.IsType<DecisionRegister.Recorded>(DecisionRegister.Record(null, reported, Intervention2015(), Now));

        Assert.False(recorded.Decision.IsQuestioned);
        Assert.Null(recorded.Questioned);
    }

    [Fact]
    public void The_same_decision_reported_again_is_already_recorded()
    {
        var existing = Decision("licensing", Authority.Council, "2016-12-20T10:00:00Z");
        var again = existing.Copy();

        var already = Assert.IsType<DecisionRegister.AlreadyRecorded>(DecisionRegister.Record(existing, again, Intervention2015(), Now));
        Assert.Same(existing, already.Decision);
    }

    [Fact]
    public void Other_facts_under_an_existing_id_break_decision_id_reused_naming_the_fields()
    {
        var existing = Decision("licensing", Authority.Council, "2016-12-20T10:00:00Z");
        var other = existing.Copy(summary: "Another decision");

        var reused = Assert.IsType<DecisionRegister.IdReused>(DecisionRegister.Record(existing, other, Intervention2015(), Now));
        Assert.Equal(["summary"], reused.Differences);
        Assert.Equal(DecisionRegister.IdReusedRule, reused.Refused.Rule);
    }
}
