using Intervention.Contracts.Http;

namespace Finance.API.Monitoring;

/// <summary>
/// What each monitoring record must say before it is weighed. Pure: the request and the facts looked up for it (which
/// directorates and cost centres are recorded) in, named errors out (empty when none).
/// </summary>
public static class MonitoringRequests
{
    public const string MonthRule = "must be 1 (April) to 12 (March)";

    public static Dictionary<string, string[]> Validate(string code, DirectorateRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MonitoringCodes.IsValid(code)) errors["code"] = [MonitoringCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(string code, CostCentreRequest request, bool directorateRecorded)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MonitoringCodes.IsValid(code)) errors["code"] = [MonitoringCodes.Rule];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        if (string.IsNullOrWhiteSpace(request.Directorate)) errors["directorate"] = ["is required: the code of a recorded directorate"];
        else if (!directorateRecorded) errors["directorate"] = [$"'{request.Directorate}' is not a recorded directorate"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(
        string year, string costCentre, BudgetRequest request, bool costCentreRecorded, out FinancialYear financialYear)
    {
        var errors = YearErrors(year, out financialYear);
        if (!costCentreRecorded) errors["costCentre"] = [$"'{costCentre}' is not a recorded cost centre"];
        if (request.NetBudget is null) errors["netBudget"] = ["is required, in pounds"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(
        string year, VirementRequest request, bool fromRecorded, bool toRecorded, out FinancialYear financialYear)
    {
        var errors = YearErrors(year, out financialYear);
        if (!fromRecorded) errors["from"] = [$"'{request.From}' is not a recorded cost centre"];
        if (!toRecorded) errors["to"] = [$"'{request.To}' is not a recorded cost centre"];
        else if (request.To == request.From) errors["to"] = ["must differ from 'from'"];
        if (request.Amount is not > 0) errors["amount"] = ["must be more than zero pounds"];
        if (string.IsNullOrWhiteSpace(request.Reason)) errors["reason"] = ["is required"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(string year, int month, string costCentre, ForecastReturnRequest request, bool costCentreRecorded,
        out FinancialYear financialYear)
    {
        var errors = YearErrors(year, out financialYear);
        if (month is < 1 or > 12) errors["month"] = [MonthRule];
        if (!costCentreRecorded) errors["costCentre"] = [$"'{costCentre}' is not a recorded cost centre"];
        if (request.ActualsToDate is null) errors["actualsToDate"] = ["is required, in pounds"];
        if (request.ForecastRemaining is null) errors["forecastRemaining"] = ["is required, in pounds"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(string code, SavingsProposalRequest request, bool directorateRecorded, out FinancialYear financialYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MonitoringCodes.IsValid(code)) errors["code"] = [MonitoringCodes.Rule];
        if (!FinancialYear.TryParse(request.Year, out financialYear)) errors["year"] = [FinancialYear.Rule];
        if (!directorateRecorded) errors["directorate"] = [$"'{request.Directorate}' is not a recorded directorate"];
        if (string.IsNullOrWhiteSpace(request.Description)) errors["description"] = ["is required"];
        if (string.IsNullOrWhiteSpace(request.Owner)) errors["owner"] = ["is required: who answers for it"];
        if (request.Value is not >= 0) errors["value"] = ["is required and cannot be negative"];
        if (request.Delivered is not >= 0) errors["delivered"] = ["is required and cannot be negative"];
        else if (request.Delivered > request.Value) errors["delivered"] = ["cannot be more than the value"];
        if (request.Rag is null) errors["rag"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Rag>())}"];
        return errors;
    }

    public static Dictionary<string, string[]> YearErrors(string? year, out FinancialYear financialYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out financialYear)) errors["year"] = [FinancialYear.Rule];
        return errors;
    }
}
