using Intervention.Contracts.Http;

namespace Governance.API.Progress;

/// <summary>What each piece of progress evidence must say before it is recorded. Pure: fields in, named errors out (empty when none).</summary>
public static class ProgressRequests
{
    public static Dictionary<string, string[]> Validate(string code, ImprovementObjectiveRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PlanCodes.IsValid(code)) errors["code"] = [PlanCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Phase)) errors["phase"] = ["is required: the plan phase, e.g. Phase Two"];
        if (string.IsNullOrWhiteSpace(request.Title)) errors["title"] = ["is required: the objective as the plan words it"];
        return errors;
    }

    /// <param name="code">The milestone's code.</param>
    /// <param name="request">The milestone.</param>
    /// <param name="objectiveExists">Whether the plan holds the objective the request names.</param>
    public static Dictionary<string, string[]> Validate(string code, ImprovementMilestoneRequest request, bool objectiveExists)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PlanCodes.IsValid(code)) errors["code"] = [PlanCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Objective)) errors["objective"] = ["is required: the code of the milestone's objective"];
        else if (!objectiveExists) errors["objective"] = [$"'{request.Objective}' is not an objective of the plan"];
        if (string.IsNullOrWhiteSpace(request.Title)) errors["title"] = ["is required: the milestone as the plan words it"];
        if (request.DueOn is null) errors["dueOn"] = ["is required: the date it is due, yyyy-MM-dd"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(MilestoneStatusRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Status is null) errors["status"] = [$"is required: one of {string.Join(", ", Enum.GetNames<MilestoneStatus>())}"];
        if (request.On is null) errors["on"] = ["is required: the date the milestone took the status, yyyy-MM-dd"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(HealthCheckAssessmentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Rag is null) errors["rag"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Rag>())}"];
        if (string.IsNullOrWhiteSpace(request.Evidence)) errors["evidence"] = ["is required: the evidence the assessment rests on"];
        if (request.AssessedOn is null) errors["assessedOn"] = ["is required: the date of the assessment, yyyy-MM-dd"];
        return errors;
    }

    /// <summary>The year as written in paths, and the days' errors; the year is empty when it is not a financial year.</summary>
    public static Dictionary<string, string[]> Validate(string year, CommissionerDaysRequest request, out string financialYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (FinancialYear.TryParse(year, out var parsed)) financialYear = parsed.ToString();
        else (financialYear, errors["year"]) = ("", [FinancialYear.Rule]);
        if (request.AllocatedDays is < 0) errors["allocatedDays"] = ["must not be negative"];
        if (request.DaysUsed is null) errors["daysUsed"] = ["is required: the days used (0 when none)"];
        else if (request.DaysUsed < 0) errors["daysUsed"] = ["must not be negative"];
        if (request.Commissioners is < 1) errors["commissioners"] = ["must be at least 1"];
        return errors;
    }

    /// <summary>A corporate plan quarter's errors, with the year as written in paths and the quarter's number.</summary>
    public static Dictionary<string, string[]> ValidatePeriod(string year, string quarter, out string financialYear, out int quarterNumber)
    {
        var errors = new Dictionary<string, string[]>();
        if (FinancialYear.TryParse(year, out var parsed)) financialYear = parsed.ToString();
        else (financialYear, errors["year"]) = ("", [FinancialYear.Rule]);
        if (!FinancialPeriods.TryParseQuarter(quarter, out quarterNumber)) errors["quarter"] = [FinancialPeriods.QuarterRule];
        return errors;
    }
}
