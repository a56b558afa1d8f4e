using Intervention.Contracts.Http;

namespace Intervention.Contracts.Finance.Http;

/// <summary>A directorate, keyed by a stable code in the path.</summary>
public sealed record DirectorateRequest
{
    /// <summary>Its name, e.g. <c>Children and Young People's Services</c>.</summary>
    public string? Name { get; init; }
}

/// <summary>A cost centre, keyed by a stable code in the path.</summary>
public sealed record CostCentreRequest
{
    /// <summary>The code of the directorate it belongs to.</summary>
    public string? Directorate { get; init; }
    /// <summary>Its name, e.g. <c>Looked after children's placements</c>.</summary>
    public string? Name { get; init; }
}

/// <summary>A cost centre's net budget for a year.</summary>
public sealed record BudgetRequest
{
    /// <summary>The net budget in pounds.</summary>
    public decimal? NetBudget { get; init; }
}

/// <summary>Budget moved between two cost centres within a year.</summary>
public sealed record VirementRequest
{
    /// <summary>The cost centre the budget leaves.</summary>
    public string? From { get; init; }
    /// <summary>The cost centre the budget goes to.</summary>
    public string? To { get; init; }
    /// <summary>How much, in pounds (more than zero).</summary>
    public decimal? Amount { get; init; }
    /// <summary>Why.</summary>
    public string? Reason { get; init; }
    /// <summary>The Cabinet (or Council) decision approving it: required above the virement threshold.</summary>
    public string? CabinetDecision { get; init; }
}

/// <summary>A month's forecast for a cost centre.</summary>
public sealed record ForecastReturnRequest
{
    /// <summary>Spent to the end of the month, in pounds.</summary>
    public decimal? ActualsToDate { get; init; }
    /// <summary>Forecast for the rest of the year, in pounds.</summary>
    public decimal? ForecastRemaining { get; init; }
    /// <summary>The management action taken or planned; required when the forecast outturn is worse than the previous month's.</summary>
    public string? ManagementAction { get; init; }
}

/// <summary>A savings proposal, keyed by a stable code in the path.</summary>
public sealed record SavingsProposalRequest
{
    /// <summary>The financial year it saves in.</summary>
    public string? Year { get; init; }
    /// <summary>The directorate that delivers it.</summary>
    public string? Directorate { get; init; }
    /// <summary>What it is.</summary>
    public string? Description { get; init; }
    /// <summary>Who answers for it.</summary>
    public string? Owner { get; init; }
    /// <summary>Its value in pounds.</summary>
    public decimal? Value { get; init; }
    /// <summary>What it has delivered so far, in pounds.</summary>
    public decimal? Delivered { get; init; }
    /// <summary>Its delivery RAG: the undelivered part of a Red proposal is at risk and adds to the forecast.</summary>
    public Rag? Rag { get; init; }
}

/// <summary>One cost centre in a month's monitoring.</summary>
/// <param name="Code">The cost centre.</param>
/// <param name="Name">Its name.</param>
/// <param name="Budget">Its budget with virements.</param>
/// <param name="ForecastOutturn">Actuals to date + forecast for the rest of the year.</param>
/// <param name="Variance">Forecast outturn minus budget (positive is an overspend).</param>
/// <param name="Rag">The variance's RAG.</param>
/// <param name="Basis">Where the forecast comes from: <c>return P6</c>, <c>demand-led forecast</c>, or <c>no return: budget assumed</c>.</param>
/// <param name="ActualsToDate">Spent to date, from the return used.</param>
/// <param name="ManagementAction">The management action recorded with the return used.</param>
public sealed record CostCentreMonitoring(string Code, string Name, decimal Budget, decimal ForecastOutturn, decimal Variance, Rag Rag, string Basis,
    decimal? ActualsToDate, string? ManagementAction);

/// <summary>One directorate in a month's monitoring.</summary>
/// <param name="Code">The directorate.</param>
/// <param name="Name">Its name.</param>
/// <param name="Budget">Its cost centres' budgets.</param>
/// <param name="SavingsAtRisk">Undelivered value of its Red savings proposals for the year, added to its forecast.</param>
/// <param name="ForecastOutturn">Its cost centres' forecasts plus savings at risk.</param>
/// <param name="Variance">Forecast outturn minus budget.</param>
/// <param name="Rag">The variance's RAG.</param>
/// <param name="CostCentres">Each cost centre.</param>
public sealed record DirectorateMonitoring(string Code, string Name, decimal Budget, decimal SavingsAtRisk, decimal ForecastOutturn, decimal Variance, Rag Rag,
    IReadOnlyList<CostCentreMonitoring> CostCentres);

/// <summary>The council's budget monitoring for a year at a month.</summary>
/// <param name="Year">The financial year.</param>
/// <param name="Month">The period (1 = April ... 12 = March).</param>
/// <param name="Budget">Every directorate's budget.</param>
/// <param name="ForecastOutturn">Every directorate's forecast outturn.</param>
/// <param name="Variance">Forecast outturn minus budget.</param>
/// <param name="Rag">The variance's RAG.</param>
/// <param name="Directorates">Each directorate.</param>
/// <param name="Savings">The year's savings proposals.</param>
public sealed record MonitoringReport(string Year, int Month, decimal Budget, decimal ForecastOutturn, decimal Variance, Rag Rag,
    IReadOnlyList<DirectorateMonitoring> Directorates, IReadOnlyList<SavingsProposalDetail> Savings);

/// <summary>A savings proposal as recorded.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Year">The year it saves in.</param>
/// <param name="Directorate">Who delivers it.</param>
/// <param name="Description">What it is.</param>
/// <param name="Owner">Who answers for it.</param>
/// <param name="Value">Its value.</param>
/// <param name="Delivered">Delivered so far.</param>
/// <param name="Rag">Its delivery RAG.</param>
/// <param name="AtRisk">The part at risk (the undelivered value when Red).</param>
public sealed record SavingsProposalDetail(string Code, string Year, string Directorate, string Description, string Owner, decimal Value,
    decimal Delivered, Rag Rag, decimal AtRisk);
