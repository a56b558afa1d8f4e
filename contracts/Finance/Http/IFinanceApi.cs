using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Contracts.Finance.Http;

/// <summary>
/// The finance API through the gateway (routes under <c>/finance/api</c>): the MTFS and its scenarios, budget monitoring,
/// the children's placement forecast, resilience indicators and the section 114 watch. Financial years are written
/// <c>2017-18</c> in paths. Build it with <see cref="InterventionApis.For{TApi}"/> over the gateway's address.
/// </summary>
public interface IFinanceApi
{
    /// <summary>
    /// Records an MTFS version: 201 when new, 200 when the same version was already recorded (409 when its id is taken
    /// with other assumptions).
    /// </summary>
    [Post("/finance/api/mtfs")]
    Task<IApiResponse<MtfsVersionDetail>> CreateMtfsVersionAsync([Body] CreateMtfsVersionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a scenario of a version: 201 when new, 200 when the same scenario was already recorded.</summary>
    [Post("/finance/api/mtfs/{version}/scenarios")]
    Task<IApiResponse<MtfsVersionDetail>> CreateScenarioAsync(string version, [Body] CreateScenarioRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Every MTFS version, newest first.</summary>
    [Get("/finance/api/mtfs")]
    Task<List<MtfsVersionDetail>> ListMtfsVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>One version (<c>current</c> for the current one).</summary>
    [Get("/finance/api/mtfs/{version}")]
    Task<MtfsVersionDetail> GetMtfsVersionAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>The gap the version's assumptions give, year by year (<c>current</c> for the current version).</summary>
    [Get("/finance/api/mtfs/{version}/gap")]
    Task<MtfsGap> GetMtfsGapAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>Versions side by side (<paramref name="versions"/>: ids separated by commas).</summary>
    [Get("/finance/api/mtfs/compare")]
    Task<MtfsComparison> CompareMtfsVersionsAsync(string versions, CancellationToken cancellationToken = default);

    /// <summary>Makes a version the current one.</summary>
    [Post("/finance/api/mtfs/{version}/current")]
    Task<MtfsVersionDetail> MakeMtfsVersionCurrentAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>Records the approval of the budget a version sets.</summary>
    [Post("/finance/api/mtfs/{version}/approval")]
    Task<MtfsGap> ApproveBudgetAsync(string version, [Body] ApproveBudgetRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a directorate.</summary>
    [Put("/finance/api/monitoring/directorates/{code}")]
    Task<DirectorateRequest> PutDirectorateAsync(string code, [Body] DirectorateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a cost centre.</summary>
    [Put("/finance/api/monitoring/cost-centres/{code}")]
    Task<CostCentreRequest> PutCostCentreAsync(string code, [Body] CostCentreRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets a cost centre's net budget for a year.</summary>
    [Put("/finance/api/monitoring/{year}/budgets/{costCentre}")]
    Task<BudgetRequest> PutBudgetAsync(string year, string costCentre, [Body] BudgetRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a virement (201 new, 200 the same again; 409 when its id is taken with other figures).</summary>
    [Put("/finance/api/monitoring/{year}/virements/{id}")]
    Task<VirementRequest> PutVirementAsync(string year, Guid id, [Body] VirementRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a cost centre's forecast outturn for a month of the year (1 is April).</summary>
    [Put("/finance/api/monitoring/{year}/forecasts/{month}/{costCentre}")]
    Task<CostCentreMonitoring> PutForecastAsync(string year, int month, string costCentre, [Body] ForecastReturnRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a savings proposal.</summary>
    [Put("/finance/api/monitoring/savings/{code}")]
    Task<SavingsProposalDetail> PutSavingsProposalAsync(string code, [Body] SavingsProposalRequest request, CancellationToken cancellationToken = default);

    /// <summary>The monitoring report for a year, at the end of <paramref name="month"/> (1 is April; 12, March, when null).</summary>
    [Get("/finance/api/monitoring/{year}")]
    Task<MonitoringReport> GetMonitoringReportAsync(string year, int? month = null, CancellationToken cancellationToken = default);

    /// <summary>The demand-led children's placement forecast for <paramref name="year"/> (the current year when null).</summary>
    [Get("/finance/api/forecast/children-placements")]
    Task<ChildrenPlacementForecast> GetChildrenPlacementForecastAsync(string? year = null, CancellationToken cancellationToken = default);

    /// <summary>Records a year's ledger totals and usable reserves.</summary>
    [Put("/finance/api/resilience/ledger/{year}")]
    Task<LedgerYearRequest> PutLedgerYearAsync(string year, [Body] LedgerYearRequest request, CancellationToken cancellationToken = default);

    /// <summary>The resilience indicators for a year.</summary>
    [Get("/finance/api/resilience/{year}")]
    Task<ResilienceReport> GetResilienceAsync(string year, CancellationToken cancellationToken = default);

    /// <summary>Whether forecast spending exceeds resources and usable reserves in a year (the section 114 test).</summary>
    [Get("/finance/api/section-114/{year}")]
    Task<Section114Assessment> GetSection114Async(string year, CancellationToken cancellationToken = default);

    /// <summary>Records a section 114 notice issued for a year (201).</summary>
    [Post("/finance/api/section-114/{year}/notices")]
    Task<Section114Notice> LogSection114NoticeAsync(string year, [Body] Section114NoticeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Who holds <paramref name="function"/> (a finance function) at <paramref name="at"/>, as finance's copy of the Directions says.</summary>
    [Get("/finance/api/authority")]
    Task<AuthorityInForce> GetAuthorityAsync(string function, DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null,
        CancellationToken cancellationToken = default);

    /// <summary>Who holds each of finance's functions at <paramref name="at"/> (now when null).</summary>
    [Get("/finance/api/authority")]
    Task<List<AuthorityInForce>> ListAuthorityAsync(DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null, CancellationToken cancellationToken = default);
}
