namespace Finance.API.Resilience;

/// <summary>What a ledger year and a section 114 notice must say before they are recorded. Pure: fields in, named errors out.</summary>
public static class ResilienceRequests
{
    public static Dictionary<string, string[]> Validate(string year, LedgerYearRequest request, out FinancialYear financialYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out financialYear)) errors["year"] = [FinancialYear.Rule];
        if (request.NetRevenueExpenditure is not > 0) errors["netRevenueExpenditure"] = ["is required and must be more than zero pounds"];
        if (request.TotalServiceExpenditure is not > 0) errors["totalServiceExpenditure"] = ["is required and must be more than zero pounds"];
        (string Field, decimal? Value)[] notNegative =
        [
            ("usableReserves", request.UsableReserves), ("socialCareSpend", request.SocialCareSpend),
            ("councilTaxIncome", request.CouncilTaxIncome), ("feesAndChargesIncome", request.FeesAndChargesIncome),
        ];
        foreach (var (field, value) in notNegative)
            if (value is not >= 0) errors[field] = ["is required and cannot be negative"];
        if (string.IsNullOrWhiteSpace(request.Source)) errors["source"] = ["is required: where the figures come from"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(string year, Section114NoticeRequest request, out FinancialYear financialYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FinancialYear.TryParse(year, out financialYear)) errors["year"] = [FinancialYear.Rule];
        if (request.IssuedOn is null) errors["issuedOn"] = ["is required, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.IssuedBy)) errors["issuedBy"] = ["is required: the chief finance officer"];
        return errors;
    }
}
