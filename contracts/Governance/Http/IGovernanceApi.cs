using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Contracts.Governance.Http;

/// <summary>
/// The governance API through the gateway (routes under <c>/governance/api</c>): the Directions, who holds each function,
/// the decision register, the improvement plan, the corporate plan, the health check, Commissioner days and the
/// restoration of powers. Build it with <see cref="InterventionApis.For{TApi}"/> over the gateway's address.
/// </summary>
public interface IGovernanceApi
{
    /// <summary>Records Directions (201); publishes <c>DirectionsIssued</c>.</summary>
    [Post("/governance/api/directions")]
    Task<DirectionsRecorded> IssueDirectionsAsync([Body] IssueDirectionsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every Directions in the register.</summary>
    [Get("/governance/api/directions")]
    Task<List<DirectionsDetail>> ListDirectionsAsync(CancellationToken cancellationToken = default);

    /// <summary>One Directions.</summary>
    [Get("/governance/api/directions/{id}")]
    Task<DirectionsDetail> GetDirectionsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Who holds <paramref name="function"/> at <paramref name="at"/> (now when null), reading the Directions recorded
    /// by <paramref name="asKnownAt"/>.
    /// </summary>
    [Get("/governance/api/authority")]
    Task<AuthorityInForce> GetAuthorityAsync(string function, DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null,
        CancellationToken cancellationToken = default);

    /// <summary>Who holds each function some Directions assigned, at <paramref name="at"/> (now when null).</summary>
    [Get("/governance/api/authority")]
    Task<List<AuthorityInForce>> ListAuthorityAsync(DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null, CancellationToken cancellationToken = default);

    /// <summary>The responsibility grid: every council function and who holds it at <paramref name="at"/>.</summary>
    [Get("/governance/api/functions")]
    Task<List<FunctionInForce>> ListFunctionsAsync(DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null, CancellationToken cancellationToken = default);

    /// <summary>Reports a decision to the register: 201 when new, 200 when the same id was already recorded.</summary>
    [Post("/governance/api/decisions")]
    Task<IApiResponse<DecisionDetail>> RecordDecisionAsync([Body] RecordDecisionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The register, optionally filtered by status, function and the instants they were decided between.</summary>
    [Get("/governance/api/decisions")]
    Task<List<DecisionDetail>> ListDecisionsAsync(DecisionStatus? status = null, string? function = null, DateTimeOffset? from = null,
        DateTimeOffset? to = null, CancellationToken cancellationToken = default);

    /// <summary>One decision with its standing today.</summary>
    [Get("/governance/api/decisions/{id}")]
    Task<DecisionDetail> GetDecisionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A Commissioner signs off a key decision taken under veto oversight.</summary>
    [Post("/governance/api/decisions/{id}/sign-off")]
    Task<DecisionDetail> SignOffDecisionAsync(Guid id, [Body] SignOffDecisionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates an improvement plan objective (201 new, 200 updated).</summary>
    [Put("/governance/api/improvement-plan/objectives/{code}")]
    Task<ImprovementObjective> PutObjectiveAsync(string code, [Body] ImprovementObjectiveRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a milestone (201 new, 200 updated).</summary>
    [Put("/governance/api/improvement-plan/milestones/{code}")]
    Task<ImprovementMilestone> PutMilestoneAsync(string code, [Body] ImprovementMilestoneRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a milestone's status from a date; the same status on the same date again changes nothing.</summary>
    [Post("/governance/api/improvement-plan/milestones/{code}/status")]
    Task<ImprovementMilestone> AddMilestoneStatusAsync(string code, [Body] MilestoneStatusRequest request, CancellationToken cancellationToken = default);

    /// <summary>One milestone with its status history.</summary>
    [Get("/governance/api/improvement-plan/milestones/{code}")]
    Task<ImprovementMilestone> GetMilestoneAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The improvement plan's objectives, milestones and deliveries as at a day, optionally for one phase.</summary>
    [Get("/governance/api/improvement-plan/summary")]
    Task<ImprovementPlanSummary> GetImprovementPlanSummaryAsync(DateOnly? asAt = null, string? phase = null, CancellationToken cancellationToken = default);

    /// <summary>Every quarter of the corporate plan with its measures.</summary>
    [Get("/governance/api/corporate-plan")]
    Task<List<CorporatePlanQuarter>> ListCorporatePlanQuartersAsync(CancellationToken cancellationToken = default);

    /// <summary>One quarter (<paramref name="year"/> <c>2016-17</c>, <paramref name="quarter"/> <c>Q1</c> to <c>Q4</c>).</summary>
    [Get("/governance/api/corporate-plan/{year}/{quarter}")]
    Task<CorporatePlanQuarter> GetCorporatePlanQuarterAsync(string year, string quarter, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates one measure's result for a quarter.</summary>
    [Put("/governance/api/corporate-plan/{year}/{quarter}/measures/{measure}")]
    Task<CorporateMeasure> PutCorporateMeasureAsync(string year, string quarter, string measure, [Body] CorporateMeasureRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>The Independent Health Check's ten factors with their latest assessments.</summary>
    [Get("/governance/api/health-check")]
    Task<List<HealthCheckFactor>> ListHealthCheckFactorsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records an assessment of one factor (1 to 10).</summary>
    [Post("/governance/api/health-check/factors/{factor}/assessments")]
    Task<HealthCheckAssessment> AssessHealthCheckFactorAsync(int factor, [Body] HealthCheckAssessmentRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Commissioner days for one financial year (<c>2018-19</c>).</summary>
    [Get("/governance/api/commissioner-days/{year}")]
    Task<CommissionerDays> GetCommissionerDaysAsync(string year, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates Commissioner days for a financial year.</summary>
    [Put("/governance/api/commissioner-days/{year}")]
    Task<CommissionerDays> PutCommissionerDaysAsync(string year, [Body] CommissionerDaysRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every function's standing against the four tests, and its return so far.</summary>
    [Get("/governance/api/restoration")]
    Task<List<FunctionRestoration>> ListRestorationAsync(CancellationToken cancellationToken = default);

    /// <summary>One function's standing against the four tests, and its return so far.</summary>
    [Get("/governance/api/restoration/{function}")]
    Task<FunctionRestoration> GetRestorationAsync(string function, CancellationToken cancellationToken = default);

    /// <summary>Records an assessment of one of the four tests for a function.</summary>
    [Post("/governance/api/restoration/{function}/assessments")]
    Task<ReturnTestAssessment> AssessReturnTestAsync(string function, [Body] AssessReturnTestRequest request, CancellationToken cancellationToken = default);

    /// <summary>Commissioners recommend the function's return.</summary>
    [Post("/governance/api/restoration/{function}/recommendation")]
    Task<FunctionReturn> RecommendReturnAsync(string function, [Body] RecommendReturnRequest request, CancellationToken cancellationToken = default);

    /// <summary>The department is minded to return the function.</summary>
    [Post("/governance/api/restoration/{function}/minded-to")]
    Task<FunctionReturn> MindedToAsync(string function, [Body] MindedToRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a representation about the proposed return.</summary>
    [Post("/governance/api/restoration/{function}/representations")]
    Task<FunctionReturn> AddRepresentationAsync(string function, [Body] RepresentationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Closes the return with the new Directions that returned the function.</summary>
    [Post("/governance/api/restoration/{function}/directions")]
    Task<FunctionReturn> CloseReturnAsync(string function, [Body] CloseReturnRequest request, CancellationToken cancellationToken = default);

    /// <summary>The quarterly review dates and whether each was announced.</summary>
    [Get("/governance/api/reviews")]
    Task<List<QuarterlyReview>> ListReviewsAsync(CancellationToken cancellationToken = default);
}
