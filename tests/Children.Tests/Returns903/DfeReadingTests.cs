using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// Readings of DfE rules that were once taken wrongly (issue 17): each test quotes the DfE text it follows.
/// The small valid return: C1 (a boy) has an episode 01/06/2017–01/09/2017 ending X1 and a continuation from
/// 01/09/2017 still open; C2 (a girl) has one episode open since 15/04/2016.
/// </summary>
public sealed class DfeReadingTests
{
    private static List<Finding> Findings(string changes) => Returns.Validate(Returns.With(changes));

    private static IEnumerable<int> Rows(List<Finding> findings, string rule) => findings.Where(f => f.Rule == rule).Select(f => f.Row);

    // 357: "If this is the first episode ever for this child, reason for new episode must be S."
    [Fact]
    public void Rule_357_an_episode_that_started_before_1_April_belongs_to_an_earlier_return_so_it_is_not_the_first_ever()
    {
        Assert.DoesNotContain(Findings("episodes:2:RNE=P"), f => f.Rule == "357");
        Assert.DoesNotContain(Findings("episodes:2:RNE=P;episodes:2:DECOM=31/03/2017"), f => f.Rule == "357");
    }

    [Fact]
    public void Rule_357_the_first_episode_in_the_file_starting_on_or_after_1_April_is_the_first_ever_and_must_be_S()
    {
        Assert.Equal([2], Rows(Findings("episodes:2:RNE=P;episodes:2:DECOM=01/04/2017"), "357"));
        Assert.Equal([0], Rows(Findings("episodes:0:RNE=P"), "357"));
    }

    // 361: "Police protection legal status lasted longer than maximum 72 hours": an episode open at 31 March has lasted until then.
    [Fact]
    public void Rule_361_an_episode_of_police_protection_still_open_at_31_March_has_lasted_until_31_March()
    {
        Assert.Equal([2], Rows(Findings("episodes:2:LS=L1;episodes:2:DECOM=27/03/2018"), "361"));
        Assert.Empty(Rows(Findings("episodes:2:LS=L1;episodes:2:DECOM=28/03/2018"), "361"));
    }

    // 362: "Emergency protection order (EPO) lasted longer than 21 days": back-to-back EPO episodes are one period of EPO.
    [Fact]
    public void Rule_362_back_to_back_episodes_under_an_EPO_are_one_period_of_21_days_at_most()
    {
        // 01/06 to 15/06 (14 days) then 15/06 to 24/06 (9 days): 23 days of EPO in one period.
        const string twoEpisodes = "episodes:0:LS=L2;episodes:0:DEC=15/06/2017;episodes:1:LS=L2;episodes:1:DECOM=15/06/2017;episodes:1:DEC=24/06/2017;episodes:1:REC=E4A";
        Assert.Equal([0, 1], Rows(Findings(twoEpisodes), "362"));
        Assert.Empty(Rows(Findings(twoEpisodes.Replace("DEC=24/06/2017", "DEC=22/06/2017")), "362"));
        // A different legal status in between ends the period: each EPO episode is then counted alone.
        Assert.Empty(Rows(Findings(twoEpisodes.Replace("episodes:1:LS=L2", "episodes:1:LS=C2")), "362"));
    }

    // 363: "Child assessment order (CAO) lasted longer than 7 days": open at 31 March counts until 31 March.
    [Fact]
    public void Rule_363_an_open_child_assessment_order_counts_until_31_March()
    {
        Assert.Equal([2], Rows(Findings("episodes:2:LS=L3;episodes:2:DECOM=23/03/2018"), "363"));
        Assert.Empty(Rows(Findings("episodes:2:LS=L3;episodes:2:DECOM=24/03/2018"), "363"));
    }

    // 365: "Any individual short-term respite placement must not exceed 17 days": open at 31 March counts until then,
    // and back-to-back V3 episodes are one stay.
    [Fact]
    public void Rule_365_short_term_respite_open_at_31_March_or_back_to_back_counts_as_one_stay()
    {
        const string noPostcodes = "episodes:2:HOME_POST=;episodes:2:PL_POST=";
        Assert.Equal([2], Rows(Findings($"episodes:2:LS=V3;{noPostcodes};episodes:2:DECOM=13/03/2018"), "365"));
        Assert.Empty(Rows(Findings($"episodes:2:LS=V3;{noPostcodes};episodes:2:DECOM=14/03/2018"), "365"));
        const string backToBack = "episodes:0:LS=V3;episodes:0:HOME_POST=;episodes:0:PL_POST=;episodes:0:DEC=10/06/2017;" +
                                  "episodes:1:LS=V3;episodes:1:HOME_POST=;episodes:1:PL_POST=;episodes:1:DECOM=10/06/2017;episodes:1:DEC=20/06/2017;episodes:1:REC=E4A";
        Assert.Equal([0, 1], Rows(Findings(backToBack), "365"));
    }

    // 393: "Child is looked after but mother field is not completed." No age is named: a girl of any age.
    [Fact]
    public void Rule_393_a_looked_after_girl_of_any_age_needs_the_mother_field()
    {
        Assert.Equal([1], Rows(Findings("header:1:MOTHER=;header:1:DOB=01/01/2016"), "393"));
        // On short breaks only (V3/V4) she is not looked after for this rule.
        Assert.Empty(Rows(Findings("header:1:MOTHER=;header:1:DOB=01/01/2016;episodes:2:LS=V4;episodes:2:HOME_POST=;episodes:2:PL_POST="), "393"));
    }

    // 436: "Reason for new episode is that both child's placement and legal status have changed": RNE T is a change of
    // placement with the same carers, not of both; it is judged by 435 ("placement has changed but not the legal status").
    [Fact]
    public void Rule_436_RNE_T_is_a_placement_change_not_both_changed()
    {
        Assert.Empty(Rows(Findings("episodes:1:RNE=T"), "436"));
        Assert.Empty(Rows(Findings("episodes:1:RNE=T"), "435"));
        var legalChangedToo = Findings("episodes:1:RNE=T;episodes:1:LS=C1");
        Assert.Equal([1], Rows(legalChangedToo, "435"));
        Assert.Empty(Rows(legalChangedToo, "436"));
    }

    // 432–435 compare the new episode with the previous one as it stands, even when it is still open or ended with a gap.
    [Fact]
    public void Rules_433_to_435_compare_with_a_previous_episode_still_open()
    {
        const string open = "episodes:0:DEC=;episodes:0:REC=;";
        // 433: "the episode does not start on the same day as the last episode finished": it has not finished.
        Assert.Equal([1], Rows(Findings(open), "433"));
        // 435: a placement change with the legal status changed too.
        Assert.Equal([1], Rows(Findings(open + "episodes:1:LS=C1"), "435"));
        // 434: a legal status change with the placement changed too.
        Assert.Equal([1], Rows(Findings(open + "episodes:1:RNE=L;episodes:1:LS=C1"), "434"));
    }

    [Fact]
    public void Rules_432_and_435_compare_with_a_previous_episode_that_ended_with_a_gap()
    {
        var findings = Findings("episodes:0:REC=E4A;episodes:1:DECOM=05/09/2017;episodes:1:LS=C1");
        Assert.Equal([1], Rows(findings, "432"));
        Assert.Equal([1], Rows(findings, "433"));
        Assert.Equal([1], Rows(findings, "435"));
    }

    // 165: "Data entry for mother status is invalid." 1.0 is not the code 1: it is an invalid value, not a mother without
    // her child's date of birth (611) nor a child said not to be a mother (612).
    [Fact]
    public void Rule_165_a_mother_value_written_1_point_0_is_an_invalid_value_not_another_rules_finding()
    {
        var withBaby = Findings("header:1:MOTHER=1.0;header:1:MC_DOB=01/01/2017");
        Assert.Equal([1], Rows(withBaby, "165"));
        Assert.Empty(Rows(withBaby, "612"));
        var withoutBaby = Findings("header:1:MOTHER=1.0");
        Assert.Equal([1], Rows(withoutBaby, "165"));
        Assert.Empty(Rows(withoutBaby, "611"));
        Assert.Empty(Rows(Findings("header:1:MOTHER=1;header:1:MC_DOB=01/01/2017"), "165"));
    }

    // 575: "If the placement from which the child goes missing ... ends, the missing ... period ... must also have an end date."
    // A new episode for a change of legal status only (RNE L) is the same placement.
    [Fact]
    public void Rule_575_a_change_of_legal_status_only_does_not_end_the_placement()
    {
        // C1 still in his second placement (not adopted), so only a change of placement can end the one he went missing from.
        const string missingFromFirstPlacement = "episodes:1:DEC=;episodes:1:REC=;missing:0:CHILD=C1;missing:0:DOB=04/05/2009;missing:0:MIS_START=01/08/2017;" +
                                                 "missing:0:MIS_END=";
        Assert.Equal([0], Rows(Findings(missingFromFirstPlacement), "575"));
        const string sameCarers = ";episodes:1:RNE=L;episodes:1:LS=C1;episodes:1:PLACE=U4;episodes:1:PLACE_PROVIDER=PR1;episodes:1:PL_POST=S61 2;episodes:1:URN=";
        Assert.Empty(Rows(Findings(missingFromFirstPlacement + sameCarers), "575"));
    }

    // The same holds in every table: a value written 2.0 or 1.0 is reported by the rule on that field's values only.
    [Fact]
    public void Values_written_as_decimals_are_invalid_values_of_their_own_field()
    {
        var sex = Findings("header:1:SEX=2.0;header:1:MC_DOB=01/01/2017");
        Assert.Equal([1], Rows(sex, "101"));
        Assert.Empty(Rows(sex, "612"));
        var adopters = Findings("ad1:0:NB_ADOPTR=2.0;ad1:0:SEX_ADOPTR=F1");
        Assert.Equal([0], Rows(adopters, "175"));
        Assert.Empty(Rows(adopters, "511"));
        var substance = Findings("oc2:0:SUBSTANCE_MISUSE=1.0");
        Assert.Equal([0], Rows(substance, "181"));
        Assert.Empty(Rows(substance, "192"));
        Assert.Empty(Rows(substance, "193"));
        Assert.Equal([0], Rows(Findings("oc2:0:SDQ_SCORE=12.0"), "180"));
    }
}
