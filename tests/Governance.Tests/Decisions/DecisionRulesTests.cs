using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;

namespace Governance.Tests.Decisions;

public class DecisionRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2017-01-15T12:00:00Z");

    /// <summary>The example of issue 4: the Licensing Board's decision of 20 Dec 2016.</summary>
    private static readonly RecordDecisionRequest LicensingBoard = new()
    {
        Id = Guid.Parse("6c1f0a52-3b7e-4c39-9a0e-2d1f5b6c7d80"),
        SourceService = "licensing",
        Function = "licensing",
        DecidedAt = DateTimeOffset.Parse("2016-12-20T10:00:00Z"),
        Authority = Authority.Council,
        DeciderName = "Licensing Board",
        Summary = "Driver's licence revoked on safeguarding grounds",
        KeyDecision = false,
        CallIn = false,
    };

    private static string[] FieldsIn(RecordDecisionRequest request) =>
        DecisionRules.Validate(request, Now).Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_Licensing_Boards_decision_can_be_recorded()
    {
        Assert.Empty(DecisionRules.Validate(LicensingBoard, Now));
    }

    [Fact]
    public void An_unknown_function_code_names_function()
    {
        Assert.Equal(["function"], FieldsIn(LicensingBoard with { Function = "taxis" }));
    }

    [Fact]
    public void A_missing_decision_instant_names_decidedAt()
    {
        Assert.Equal(["decidedAt"], FieldsIn(LicensingBoard with { DecidedAt = null }));
    }

    [Fact]
    public void A_decision_in_the_future_names_decidedAt()
    {
        Assert.Equal(["decidedAt"], FieldsIn(LicensingBoard with { DecidedAt = Now.AddHours(1) }));
    }

    [Fact]
    public void An_undefined_or_missing_authority_names_authority()
    {
        Assert.Equal(["authority"], FieldsIn(LicensingBoard with { Authority = (Authority)42 }));
        Assert.Equal(["authority"], FieldsIn(LicensingBoard with { Authority = null }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_decider_summary_and_source_service_are_each_named(string? blank)
    {
        Assert.Equal(["deciderName", "sourceService", "summary"],
            FieldsIn(LicensingBoard with { DeciderName = blank, Summary = blank, SourceService = blank }));
    }

    [Fact]
    public void Missing_id_key_decision_and_call_in_are_each_named()
    {
        Assert.Equal(["callIn", "id", "keyDecision"], FieldsIn(LicensingBoard with { Id = null, KeyDecision = null, CallIn = null }));
    }

    [Fact]
    public void The_same_facts_reported_twice_are_the_same_decision_and_different_facts_are_named()
    {
        var first = DecisionRules.ToDecision(LicensingBoard, Now);
        var again = DecisionRules.ToDecision(LicensingBoard with { DeciderName = " Licensing Board ", Meeting = " " }, Now.AddMinutes(5));
        var changed = DecisionRules.ToDecision(LicensingBoard with { Summary = "Licence suspended", CallIn = true }, Now);

        Assert.True(first.SameAs(again));
        Assert.Equal(["summary", "callIn"], first.DifferencesFrom(changed));
    }

    [Fact]
    public void A_DecisionRecorded_event_is_read_by_the_same_rules()
    {
        var recorded = new DecisionRecorded
        {
            EventId = Guid.NewGuid(),
            OccurredAt = Now,
            DecisionId = LicensingBoard.Id!.Value,
            SourceService = "licensing",
            Function = "licensing",
            DecidedAt = LicensingBoard.DecidedAt!.Value,
            Authority = Authority.Council,
            DeciderName = "Licensing Board",
            Summary = LicensingBoard.Summary!,
            KeyDecision = false,
            CallIn = false,
        };

        Assert.Equal(LicensingBoard, DecisionRules.FromEvent(recorded));
        Assert.Equal(["function"], DecisionRules.Validate(DecisionRules.FromEvent(recorded with { Function = "taxis" }), Now).Keys);
    }
}
