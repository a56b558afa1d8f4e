using Governance.API.Progress;
using Intervention.Contracts.Http;

namespace Governance.Tests.Progress;

/// <summary>Recording progress evidence over what is loaded: histories kept, a repeat adds nothing, amendments replace.</summary>
public class ProgressRecordsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2018-03-01T12:00:00Z");

    private static PlanMilestone Milestone() => PlanMilestone.Amend(null, "phase-two-1-a",
        new ImprovementMilestoneRequest { Objective = "phase-two-1", Title = " Recruit a permanent DCS ", DueOn = new DateOnly(2017, 9, 30) }, Now);

    [Fact]
    public void A_milestone_is_recorded_under_its_code_with_its_objective_title_and_due_date()
    {
        var milestone = Milestone();

        Assert.Equal(("phase-two-1-a", "phase-two-1", "Recruit a permanent DCS", new DateOnly(2017, 9, 30), Now),
            (milestone.Code, milestone.ObjectiveCode, milestone.Title, milestone.DueOn, milestone.RecordedAt));
    }

    [Fact]
    public void A_status_is_added_to_the_milestones_history()
    {
        var milestone = Milestone();

        var change = milestone.RecordStatus(new MilestoneStatusRequest { Status = MilestoneStatus.Delivered, On = new DateOnly(2017, 9, 1) }, Now);

        Assert.Equal(("phase-two-1-a", MilestoneStatus.Delivered, new DateOnly(2017, 9, 1)), (change!.MilestoneCode, change.Status, change.StatusOn));
        Assert.Single(milestone.History);
    }

    [Fact]
    public void The_same_status_on_the_same_date_again_adds_nothing_to_the_history()
    {
        var milestone = Milestone();
        var delivered = new MilestoneStatusRequest { Status = MilestoneStatus.Delivered, On = new DateOnly(2017, 9, 1) };
        milestone.RecordStatus(delivered, Now);

        Assert.Null(milestone.RecordStatus(delivered, Now.AddDays(1)));
        Assert.Single(milestone.History);
    }

    [Fact]
    public void Commissioner_days_are_amended_and_a_blank_note_is_none()
    {
        var days = CommissionerDaysRecord.Amend(null, "2018-19", new CommissionerDaysRequest { AllocatedDays = 600m, DaysUsed = 212.5m, Note = "  " }, Now);

        Assert.Equal(("2018-19", 600m, 212.5m, (string?)null, Now), (days.Year, days.AllocatedDays, days.DaysUsed, days.Note, days.RecordedAt));
        Assert.Equal(387.5m, days.ToResponse().RemainingDays);
    }

    [Fact]
    public void A_health_check_assessment_keeps_its_evidence_and_a_blank_assessor_is_none()
    {
        var record = HealthCheckRecord.Record(6, new HealthCheckAssessmentRequest { Rag = Rag.Amber, Evidence = " Budget gap ", AssessedOn = new DateOnly(2018, 2, 28), Assessor = "" }, Now);

        Assert.Equal((6, Rag.Amber, "Budget gap", (string?)null), (record.Factor, record.Rag, record.Evidence, record.Assessor));
    }

    [Fact]
    public void A_milestone_needs_an_objective_of_the_plan()
    {
        var errors = ProgressRequests.Validate("m-1", new ImprovementMilestoneRequest { Objective = "nope", Title = "t", DueOn = new DateOnly(2018, 1, 1) }, objectiveExists: false);

        Assert.Equal(["objective"], errors.Keys);
    }
}
