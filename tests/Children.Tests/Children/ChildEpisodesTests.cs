using Intervention.ServiceDefaults.Http;
using Children.API.Children;
using Intervention.Contracts.Governance;
using Intervention.Directions;

namespace Children.Tests.Children;

/// <summary>
/// Recording a child's episodes and ending their care, decided over the episodes as loaded: the rules the 903 and the
/// council's finance and governance depend on, with no host, database or broker.
/// </summary>
public sealed class ChildEpisodesTests
{
    private static readonly DateTimeOffset Now = new(2017, 10, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly PlacementDecisions Rotherham = new(PlacementDecisions.RotherhamDistricts);
    private static readonly Child ChildInCare = new() { Id = Guid.NewGuid(), LocalId = "C1001", Ref = "CR-00000000000000000001", Stovewood = true };

    [Fact]
    public void A_local_identifier_already_recorded_is_refused_as_child_already_recorded()
    {
        var decided = Child.Record(NewChild(), alreadyRecorded: true, "CR-1", Now);

        Assert.Equal("child-already-recorded", decided.Refused?.Rule);
        Assert.Null(decided.Changes);
    }

    [Fact]
    public void A_new_child_is_recorded_with_a_live_header_row_of_their_903_details()
    {
        var decided = Child.Record(NewChild() with { Upn = null }, alreadyRecorded: false, "CR-1", Now);

        var (child, header) = decided.Changes!;
        Assert.Equal(("C1001", "CR-1", Now), (child.LocalId, child.Ref, child.CreatedAt));
        Assert.Equal(("C1001", null, "1", "04/05/2009", "WBRI", ""), (header.Child, header.CollectionYear, header.Sex, header.Dob, header.Ethnic, header.Upn));
    }

    [Fact]
    public void Starting_care_publishes_ChildBecameLookedAfter_with_the_cost_band_and_the_Stovewood_flag()
    {
        var recording = Recorded(Episodes(), Episode("2017-06-01", "S", "U4", "PR1") with { WeeklyCost = 450m });

        var entered = recording.BecameLookedAfter!;
        Assert.Equal((ChildInCare.Ref, new DateOnly(2017, 6, 1), "U4", "0-499", true), (entered.ChildRef, entered.StartedOn, entered.PlacementType, entered.WeeklyCostBand, entered.Stovewood));
        Assert.Null(recording.PlacementChanged);
        Assert.Empty(recording.Ended);
        Assert.Equal(("C1001", "01/06/2017", ""), (recording.Episode.Child, recording.Episode.Decom, recording.Episode.Dec));
    }

    [Fact]
    public void Starting_care_while_an_episode_is_open_is_refused_as_already_looked_after()
    {
        var decided = Episodes(Stored("2017-06-01", "S", "U4")).Record(Episode("2017-10-01", "S", "K2", "PR4"), Rotherham, [], Now);

        Assert.Equal("already-looked-after", decided.Refused?.Rule);
    }

    [Fact]
    public void A_continuation_episode_without_an_open_one_is_refused_as_not_looked_after()
    {
        var decided = Episodes(Stored("2017-06-01", "S", "U4", ended: "2017-08-01")).Record(Episode("2017-09-01", "P", "K2", "PR4"), Rotherham, [], Now);

        Assert.Equal("not-looked-after", decided.Refused?.Rule);
    }

    [Theory]
    [InlineData("2017-06-01")]
    [InlineData("2017-05-31")]
    public void An_episode_starting_on_or_before_the_latest_one_is_refused_as_episode_before_current(string startedOn)
    {
        var decided = Episodes(Stored("2017-06-01", "S", "U4")).Record(Episode(startedOn, "P", "K2", "PR4"), Rotherham, [], Now);

        Assert.Equal("episode-before-current", decided.Refused?.Rule);
    }

    [Fact]
    public void A_new_period_of_care_starting_before_the_last_one_ended_is_refused_as_episode_before_current_rule_501()
    {
        var decided = Episodes(Stored("2017-06-01", "S", "U4", ended: "2018-02-01")).Record(Episode("2018-01-15", "S", "U4", "PR1"), Rotherham, [], Now);

        Assert.Equal("episode-before-current", decided.Refused?.Rule);
        Assert.Contains("rule 501", decided.Refused!.Detail);
    }

    [Fact]
    public void A_placement_move_ends_every_stored_copy_of_the_open_episode_with_X1_and_publishes_PlacementChanged()
    {
        var live = Stored("2017-06-01", "S", "U4");
        var imported = Stored("2017-06-01", "S", "U4", year: "2017/18");
        var move = Episode("2017-09-01", "P", "K2", "PR4") with { WeeklyCost = 3500m, ReasonForPlacementChange = "CARPL" };

        var recording = Recorded(Episodes(live, imported), move);

        Assert.Equal([live, imported], recording.Ended);
        Assert.All(recording.Ended, copy => Assert.Equal(("01/09/2017", new DateOnly(2017, 9, 1), "X1", "CARPL"), (copy.Dec, copy.DecOn, copy.Rec, copy.ReasonPlaceChange)));
        var change = recording.PlacementChanged!;
        Assert.Equal((new DateOnly(2017, 9, 1), "U4", "K2", "3500-3999", true),
            (change.ChangedOn, change.PreviousPlacementType, change.PlacementType, change.WeeklyCostBand, change.Stovewood));
        Assert.True(recording.Moved);
        Assert.Null(recording.BecameLookedAfter);
    }

    [Fact]
    public void A_change_of_legal_status_alone_ends_the_open_episode_but_is_not_a_placement_change()
    {
        var recording = Recorded(Episodes(Stored("2017-06-01", "S", "U4")), Episode("2017-09-01", "L", "U4", "PR1") with { ReasonForPlacementChange = "CARPL" });

        Assert.Equal("X1", Assert.Single(recording.Ended).Rec);
        Assert.Equal("", recording.Ended[0].ReasonPlaceChange);
        Assert.False(recording.Moved);
        Assert.Null(recording.PlacementChanged);
    }

    [Fact]
    public void An_out_of_authority_residential_placement_is_a_decision_of_whoever_held_the_function_that_midnight()
    {
        // Commissioners from 2015, the council from 1 October 2017 (midnight in London is 23:00 UTC the day before).
        AuthorityAssignment[] directions =
        [
            Holder(Authority.Commissioners, new DateTimeOffset(2015, 2, 26, 0, 0, 0, TimeSpan.Zero)),
            Holder(Authority.Council, new DateTimeOffset(2017, 9, 30, 23, 0, 0, TimeSpan.Zero)),
        ];
        var placement = Episode("2017-10-01", "S", "K2", "PR4") with { PlacementPostcode = "LS6 1", WeeklyCost = 4200m };

        var decision = Recorded(Episodes(), placement, directions).Decision!;

        Assert.Equal((Authority.Council, "Director of Children's Services", "childrens-social-care", new DateTimeOffset(2017, 9, 30, 23, 0, 0, TimeSpan.Zero)),
            (decision.Authority, decision.DeciderName, decision.Function, decision.DecidedAt));
        Assert.Equal("Out-of-authority residential placement (K2, PR4, LS6) from 2017-10-01, weekly cost band £4000-4499", decision.Summary);
        Assert.DoesNotContain("C1001", decision.Summary);
    }

    [Fact]
    public void An_approved_out_of_authority_placement_is_the_approver_s_decision_and_the_answer_names_it()
    {
        var approval = new PlacementApproval { Name = "Commissioner for children's social care", Authority = Authority.Commissioners };
        var placement = Episode("2017-07-03", "S", "K2", "PR4") with { PlacementPostcode = "LS6 1", ApprovedBy = approval };

        var recording = Recorded(Episodes(), placement);

        Assert.Equal((Authority.Commissioners, approval.Name), (recording.Decision!.Authority, recording.Decision.DeciderName));
        Assert.Equal(recording.Decision.DecisionId, recording.Answer().DecisionId);
    }

    [Fact]
    public void A_residential_placement_inside_the_borough_or_without_a_postcode_is_not_a_decision()
    {
        var open = Stored("2017-06-01", "S", "K2");

        Assert.Null(Recorded(Episodes(open), Episode("2017-10-02", "P", "K2", "PR1") with { PlacementPostcode = "S61 2" }).Decision);
        Assert.Null(Recorded(Episodes(), Episode("2017-10-02", "S", "K2", "PR1")).Decision);
    }

    [Fact]
    public void Ending_care_ends_every_copy_of_the_open_episode_and_publishes_ChildCeasedToBeLookedAfter()
    {
        var live = Stored("2017-09-01", "P", "K2");
        var imported = Stored("2017-09-01", "P", "K2", year: "2017/18");

        var ending = Episodes(Stored("2017-06-01", "S", "U4", ended: "2017-09-01"), live, imported).End(new DateOnly(2018, 2, 1), "E4A", Now).Changes!;

        Assert.Equal([live, imported], ending.Ended);
        Assert.All(ending.Ended, copy => Assert.Equal(("01/02/2018", "E4A"), (copy.Dec, copy.Rec)));
        Assert.Equal((new DateOnly(2018, 2, 1), "E4A", "K2", true),
            (ending.Ceased.CeasedOn, ending.Ceased.ReasonEpisodeCeased, ending.Ceased.LastPlacementType, ending.Ceased.Stovewood));
    }

    [Fact]
    public void Ending_care_without_an_open_episode_is_refused_as_not_looked_after()
    {
        var decided = Episodes(Stored("2017-06-01", "S", "U4", ended: "2017-08-01")).End(new DateOnly(2018, 2, 1), "E4A", Now);

        Assert.Equal("not-looked-after", decided.Refused?.Rule);
    }

    [Fact]
    public void Ending_care_before_the_open_episode_began_is_refused_as_ends_before_it_starts_rule_356()
    {
        var decided = Episodes(Stored("2017-06-01", "S", "U4")).End(new DateOnly(2017, 5, 31), "E4A", Now);

        Assert.Equal("ends-before-it-starts", decided.Refused?.Rule);
    }

    [Fact]
    public void A_live_record_stands_for_its_start_date_before_an_imported_one_and_a_later_return_before_an_earlier()
    {
        var older = Stored("2016-06-01", "S", "U4", year: "2016/17");
        var newer = Stored("2016-06-01", "S", "U5", year: "2017/18");
        var live = Stored("2017-09-01", "P", "K2");
        var imported = Stored("2017-09-01", "P", "K1", year: "2017/18");

        Assert.Equal([newer, live], ChildEpisodes.OnePerStart([imported, older, live, newer]));
    }

    private static EpisodeRecording Recorded(ChildEpisodes episodes, RecordEpisodeRequest request, AuthorityAssignment[]? directions = null)
    {
        var decided = episodes.Record(request, Rotherham, directions ?? [], Now);
        Assert.Null(decided.Refused);
        return decided.Changes!;
    }

    private static ChildEpisodes Episodes(params EpisodeRecord[] stored) => new(ChildInCare, stored);

    private static RecordChildRequest NewChild() =>
        new() { LocalId = "C1001", Sex = "1", DateOfBirth = new DateOnly(2009, 5, 4), Ethnicity = "WBRI", Upn = "A123456789012" };

    private static RecordEpisodeRequest Episode(string startedOn, string reason, string placementType, string provider) => new()
    {
        StartedOn = DateOnly.Parse(startedOn), ReasonForNewEpisode = reason, LegalStatus = "C2", CategoryOfNeed = "N1",
        PlacementType = placementType, PlacementProvider = provider,
    };

    private static EpisodeRecord Stored(string startedOn, string reason, string placementType, string? ended = null, string? year = null)
    {
        var start = DateOnly.Parse(startedOn);
        var end = ended is null ? (DateOnly?)null : DateOnly.Parse(ended);
        return new EpisodeRecord
        {
            CollectionYear = year, Child = ChildInCare.LocalId, Decom = start.ToString("dd/MM/yyyy"), DecomOn = start, Rne = reason, Ls = "C2", Cin = "N1",
            Place = placementType, PlaceProvider = "PR1", Dec = end?.ToString("dd/MM/yyyy") ?? "", DecOn = end, Rec = end is null ? "" : "E4A",
        };
    }

    private static AuthorityAssignment Holder(Authority authority, DateTimeOffset from) => new()
    {
        DirectionsId = Guid.NewGuid(), Function = PlacementDecisions.Function, Authority = authority, EffectiveFrom = from, RecordedAt = from,
    };
}
