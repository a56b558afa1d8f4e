using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Contracts.Licensing.Http;

/// <summary>
/// The licensing API through the gateway (routes under <c>/licensing/api</c>): drivers and their files, fitness, audits,
/// case hearings, appeals, licences, the national register, vehicles and operators. Build it with
/// <see cref="InterventionApis.For{TApi}"/> over the gateway's address.
/// </summary>
public interface ILicensingApi
{
    /// <summary>Records a driver's application (201), with the records already on file.</summary>
    [Post("/licensing/api/drivers")]
    Task<DriverCreated> CreateDriverAsync([Body] NewDriver request, CancellationToken cancellationToken = default);

    /// <summary>A driver's personal record; the read is audited with <paramref name="purpose"/>.</summary>
    [Get("/licensing/api/drivers/{id}")]
    Task<DriverDetail> GetDriverAsync(Guid id, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>Records a conviction on a driver's file (201).</summary>
    [Post("/licensing/api/drivers/{id}/convictions")]
    Task<RecordCreated> AddConvictionAsync(Guid id, [Body] NewConviction request, CancellationToken cancellationToken = default);

    /// <summary>Records a dated check on a driver's file (201).</summary>
    [Post("/licensing/api/drivers/{id}/checks")]
    Task<RecordCreated> AddCheckAsync(Guid id, [Body] NewCheck request, CancellationToken cancellationToken = default);

    /// <summary>Whether the driver is fit and proper on <paramref name="at"/> (today when null), with every reason; the read is audited.</summary>
    [Get("/licensing/api/drivers/{id}/fitness")]
    Task<FitnessAnswer> GetFitnessAsync(Guid id, DateOnly? at = null, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>Searches the national register for the driver and records the search on the file (201).</summary>
    [Post("/licensing/api/drivers/{id}/register-searches")]
    Task<RegisterSearchView> SearchNationalRegisterAsync(Guid id, [Body] SearchRegister request, CancellationToken cancellationToken = default);

    /// <summary>Starts an audit of every licensed driver (202 at once; poll <see cref="GetAuditAsync"/>).</summary>
    [Post("/licensing/api/audits")]
    Task<AuditView> StartAuditAsync([Body] StartAudit request, CancellationToken cancellationToken = default);

    /// <summary>The latest 20 audits, newest first, each with its progress and outcome counts.</summary>
    [Get("/licensing/api/audits")]
    Task<List<AuditView>> ListAuditsAsync(CancellationToken cancellationToken = default);

    /// <summary>An audit's progress and its outcome counts so far.</summary>
    [Get("/licensing/api/audits/{id}")]
    Task<AuditView> GetAuditAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The drivers an audit found need a hearing, with every reason.</summary>
    [Get("/licensing/api/audits/{id}/hearing-list")]
    Task<List<HearingListEntry>> GetAuditHearingListAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Schedules a hearing (201) with the decision-maker the Directions name for its day.</summary>
    [Post("/licensing/api/hearings")]
    Task<HearingView> ScheduleHearingAsync([Body] ScheduleHearing request, CancellationToken cancellationToken = default);

    /// <summary>A hearing with its panel, record and decision.</summary>
    [Get("/licensing/api/hearings/{id}")]
    Task<HearingView> GetHearingAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Hearings in date order, optionally for one driver.</summary>
    [Get("/licensing/api/hearings")]
    Task<List<HearingView>> ListHearingsAsync(Guid? driverId = null, CancellationToken cancellationToken = default);

    /// <summary>A panel member declares an interest.</summary>
    [Post("/licensing/api/hearings/{id}/interests")]
    Task<HearingView> DeclareInterestAsync(Guid id, [Body] DeclareInterest request, CancellationToken cancellationToken = default);

    /// <summary>Adds a question or a statement to the hearing's record (201).</summary>
    [Post("/licensing/api/hearings/{id}/record")]
    Task<RecordEntryView> AddToHearingRecordAsync(Guid id, [Body] NewRecordEntry request, CancellationToken cancellationToken = default);

    /// <summary>Records the hearing's decision with its reasons (201).</summary>
    [Post("/licensing/api/hearings/{id}/decision")]
    Task<HearingView> DecideHearingAsync(Guid id, [Body] DecideHearing request, CancellationToken cancellationToken = default);

    /// <summary>What the decision would say if recorded now (the decision-maker of the hearing's day, the effect and appeal dates); records nothing.</summary>
    [Post("/licensing/api/hearings/{id}/decision/preview")]
    Task<HearingDecisionPreview> PreviewHearingDecisionAsync(Guid id, [Body] DecideHearing request, CancellationToken cancellationToken = default);

    /// <summary>Lodges an appeal against the hearing's decision (201).</summary>
    [Post("/licensing/api/hearings/{id}/appeal")]
    Task<AppealView> LodgeAppealAsync(Guid id, [Body] LodgeAppeal request, CancellationToken cancellationToken = default);

    /// <summary>Records the court's decision on an appeal.</summary>
    [Post("/licensing/api/appeals/{id}/outcome")]
    Task<AppealView> DetermineAppealAsync(Guid id, [Body] DetermineAppeal request, CancellationToken cancellationToken = default);

    /// <summary>One appeal.</summary>
    [Get("/licensing/api/appeals/{id}")]
    Task<AppealView> GetAppealAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The share of appeals decided between <paramref name="from"/> and <paramref name="to"/> in which the decision stood.</summary>
    [Get("/licensing/api/appeals/defended-rate")]
    Task<DefendedRateView> GetDefendedRateAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default);

    /// <summary>Grants or renews a licence (201).</summary>
    [Post("/licensing/api/licences/{reference}/grants")]
    Task<LicenceView> GrantLicenceAsync(string reference, [Body] GrantRequest request, CancellationToken cancellationToken = default);

    /// <summary>A licence with its status on <paramref name="at"/> (today when null).</summary>
    [Get("/licensing/api/licences/{reference}")]
    Task<LicenceView> GetLicenceAsync(string reference, DateOnly? at = null, CancellationToken cancellationToken = default);

    /// <summary>How many licences of each type are in each status on <paramref name="at"/> (today when null).</summary>
    [Get("/licensing/api/licences")]
    Task<List<LicenceCount>> CountLicencesAsync(DateOnly? at = null, CancellationToken cancellationToken = default);

    /// <summary>Records a vehicle's application (201).</summary>
    [Post("/licensing/api/vehicles")]
    Task<LicenceApplied> CreateVehicleAsync([Body] NewVehicle request, CancellationToken cancellationToken = default);

    /// <summary>Records an operator's application (201).</summary>
    [Post("/licensing/api/operators")]
    Task<LicenceApplied> CreateOperatorAsync([Body] NewOperator request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Licensing's audit trail, newest first: who read a driver's record or changed anything, when, why and from which trace,
    /// optionally only <paramref name="actor"/>'s lines or one <paramref name="action"/> (<c>read</c>, <c>change</c>, <c>consume</c>),
    /// between <paramref name="from"/> and <paramref name="to"/>, at most <paramref name="limit"/> (500 when null). For licensing's team.
    /// </summary>
    [Get("/licensing/api/audit")]
    Task<List<AuditLine>> GetAuditTrailAsync(string? actor = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int? limit = null,
        CancellationToken cancellationToken = default);

    /// <summary>Who holds <paramref name="function"/> (a licensing function) at <paramref name="at"/>, as licensing's copy of the Directions says.</summary>
    [Get("/licensing/api/authority")]
    Task<AuthorityInForce> GetAuthorityAsync(string function, DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null,
        CancellationToken cancellationToken = default);

    /// <summary>Who holds each of licensing's functions at <paramref name="at"/> (now when null).</summary>
    [Get("/licensing/api/authority")]
    Task<List<AuthorityInForce>> ListAuthorityAsync(DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null, CancellationToken cancellationToken = default);
}
