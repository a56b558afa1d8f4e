using Intervention.Contracts.Http;
using Refit;

namespace Intervention.Contracts.Children.Http;

/// <summary>
/// The children's social care API through the gateway (routes under <c>/children/api</c>): children and their 903 episodes,
/// the 903 return, the casework behind the KPIs, the KPIs, improvement tracking and the front door. Build it with
/// <see cref="InterventionApis.For{TApi}"/> over the gateway's address.
/// </summary>
public interface IChildrenApi
{
    /// <summary>Records a child (201); 409 <c>child-already-recorded</c> when the local identifier is known.</summary>
    [Post("/children/api/children")]
    Task<ChildRecorded> RecordChildAsync([Body] RecordChildRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a new 903 episode for a child (201).</summary>
    [Post("/children/api/children/{id}/episodes")]
    Task<EpisodeRecorded> RecordEpisodeAsync(Guid id, [Body] RecordEpisodeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Marks whether a child is linked to Operation Stovewood.</summary>
    [Put("/children/api/children/{id}/stovewood")]
    Task<ChildRecorded> MarkStovewoodAsync(Guid id, [Body] StovewoodRequest request, CancellationToken cancellationToken = default);

    /// <summary>Ends the child's period of care.</summary>
    [Post("/children/api/children/{id}/episodes/current/end")]
    Task<EpisodeRecorded> EndCareAsync(Guid id, [Body] EndCareRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports a 903 return (201): one part per file (<c>header.csv</c>, <c>episodes.csv</c>, ...) named <c>files</c>, and the
    /// collection year (<c>2017/18</c>). The files replace what that year's earlier import held.
    /// </summary>
    [Multipart]
    [Post("/children/api/903/imports")]
    Task<ImportReport> ImportReturnAsync(string collectionYear, IEnumerable<ByteArrayPart> files, CancellationToken cancellationToken = default);

    /// <summary>
    /// An earlier import's findings (404 for an import not made), filtered by <paramref name="rule"/>, <paramref name="table"/>
    /// (<c>episodes</c>) and <paramref name="child"/> (the local identifier; the children's team alone may filter by it), at most
    /// <paramref name="limit"/> of them (1 to 10000, default 1000). Each names the child for the children's team only, and that read is audited.
    /// </summary>
    [Get("/children/api/903/imports/{id}/findings")]
    Task<ImportFindings> GetImportFindingsAsync(Guid id, string? rule = null, string? table = null, string? child = null, int? limit = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports a 903 return as <see cref="ImportReturnAsync"/> does, each file sent from a stream (the portal passes a person's upload
    /// on without holding a year's files in memory).
    /// </summary>
    [Multipart]
    [Post("/children/api/903/imports")]
    Task<ImportReport> ImportReturnFromStreamsAsync(string collectionYear, IEnumerable<StreamPart> files, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a postcode lookup as a new dated version (201; 200 with the version already held when the same file is sent again
    /// for the same day): a CSV file <c>file</c> with the columns <c>POSTCODE,LA,EASTING,NORTHING</c> (the 903's postcode form,
    /// <c>S60 1</c>, or a full postcode; the local authority's code; the grid reference in metres), valid from <paramref name="asAt"/>
    /// (<c>YYYY-MM-DD</c>). A row that breaks a rule is a 400 naming the row, the field and the rule; nothing is kept.
    /// </summary>
    [Multipart]
    [Post("/children/api/903/reference/postcodes")]
    Task<ReferenceDataVersion> UploadPostcodeLookupAsync(string asAt, StreamPart file, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads Ofsted's provider list as a new dated version (201; 200 when the same file is sent again for the same day): a CSV
    /// file <c>file</c> with the columns <c>URN,LA,POSTCODE,REGISTERED,CEASED,PLACE_CODES,PROVIDER_CODES</c> (dates
    /// <c>DD/MM/YYYY</c>, <c>CEASED</c> blank while open; the 903 placement and provider codes the URN may be recorded with,
    /// separated by spaces). A row that breaks a rule is a 400 naming the row, the field and the rule; nothing is kept.
    /// </summary>
    [Multipart]
    [Post("/children/api/903/reference/providers")]
    Task<ReferenceDataVersion> UploadProviderListAsync(string asAt, StreamPart file, CancellationToken cancellationToken = default);

    /// <summary>Every version of the reference data uploaded, newest first within each kind.</summary>
    [Get("/children/api/903/reference")]
    Task<ReferenceDataVersions> ListReferenceDataAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every rule of the DfE's 903 rule list: code, message, fields, tables and whether this service checks it; with
    /// <paramref name="year"/> (<c>2017/18</c>), whether each ran at that year's latest import and, when not, why.
    /// </summary>
    [Get("/children/api/903/rules")]
    Task<RuleListing> ListReturnRulesAsync(string? year = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The findings the 903 return would have if it were cut on <paramref name="asAt"/> (<c>YYYY-MM-DD</c>; today when not
    /// given) from the episodes recorded through the API. The children's team only.
    /// </summary>
    [Get("/children/api/903/preview")]
    Task<ReturnPreviewReport> PreviewReturnAsync(string? asAt = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One file of a collection year's 903 return (<paramref name="file"/> <c>episodes.csv</c>, <c>header.csv</c>, ...) as CSV text,
    /// as the DfE reads it; <paramref name="year"/> is <c>2017-18</c>. Child-level data: the read is audited with <paramref name="purpose"/>.
    /// </summary>
    [Get("/children/api/903/exports/{year}/{file}")]
    Task<string> ExportReturnFileAsync(string year, string file, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The collection year's 903 files as one zip (<c>application/zip</c>, a <c>.csv</c> entry per table), which imports again to
    /// the same data; <paramref name="year"/> is <c>2017-18</c>. Child-level data: the read is audited with <paramref name="purpose"/>.
    /// </summary>
    [Get("/children/api/903/exports/{year}")]
    Task<HttpContent> ExportReturnAsync(string year, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>Loads the postcode centroids the distance KPI reads.</summary>
    [Post("/children/api/postcodes")]
    Task<Loaded> LoadPostcodesAsync([Body] IEnumerable<PostcodeRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads statutory visits.</summary>
    [Post("/children/api/casework/visits")]
    Task<Loaded> LoadVisitsAsync([Body] IEnumerable<VisitRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads children and family assessments.</summary>
    [Post("/children/api/casework/assessments")]
    Task<Loaded> LoadAssessmentsAsync([Body] IEnumerable<AssessmentRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads child in need plans.</summary>
    [Post("/children/api/casework/plans")]
    Task<Loaded> LoadPlansAsync([Body] IEnumerable<PlanRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads health assessments.</summary>
    [Post("/children/api/casework/health-assessments")]
    Task<Loaded> LoadHealthAssessmentsAsync([Body] IEnumerable<HealthAssessmentRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads return home interviews.</summary>
    [Post("/children/api/casework/return-interviews")]
    Task<Loaded> LoadReturnInterviewsAsync([Body] IEnumerable<ReturnInterviewRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads social workers.</summary>
    [Post("/children/api/casework/social-workers")]
    Task<Loaded> LoadSocialWorkersAsync([Body] IEnumerable<SocialWorkerRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Loads allocations of children to social workers.</summary>
    [Post("/children/api/casework/allocations")]
    Task<Loaded> LoadAllocationsAsync([Body] IEnumerable<AllocationRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Each KPI as at <paramref name="asAt"/> (today when null) with its numerator, denominator and definition.</summary>
    [Get("/children/api/kpis")]
    Task<List<Kpi>> GetKpisAsync(DateOnly? asAt = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Each KPI at the end of every month from <paramref name="from"/> to <paramref name="to"/> (the last point is <paramref name="to"/>
    /// itself): the trend the portal's charts draw. At most 37 points; 400 naming <c>from</c> or <c>to</c> otherwise.
    /// </summary>
    [Get("/children/api/kpis/series")]
    Task<List<KpiTrend>> GetKpiSeriesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Publishes the KPIs as at <paramref name="asAt"/> as <c>KpisPublished</c> (202) and answers them.</summary>
    [Post("/children/api/kpis/publications")]
    Task<List<Kpi>> PublishKpisAsync(DateOnly? asAt = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates an Ofsted recommendation or seven-tests item.</summary>
    [Put("/children/api/improvement/items/{code}")]
    Task<ImprovementItem> PutImprovementItemAsync(string code, [Body] ImprovementItemRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a dated assessment of an item (the same date again replaces it).</summary>
    [Post("/children/api/improvement/items/{code}/assessments")]
    Task<ImprovementItem> AssessImprovementItemAsync(string code, [Body] AssessmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Items (<paramref name="kind"/> <c>OfstedRecommendation</c> or <c>SevenTest</c>; all when null) with current RAG and history.</summary>
    [Get("/children/api/improvement/items")]
    Task<List<ImprovementItem>> ListImprovementItemsAsync(string? kind = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a child in scope for a move to permanence.</summary>
    [Put("/children/api/permanence/{child}")]
    Task PutPermanenceAsync(string child, [Body] PermanenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Children in scope for a move to permanence on <paramref name="asAt"/>, and how many moved.</summary>
    [Get("/children/api/permanence")]
    Task<PermanenceSummary> GetPermanenceAsync(DateOnly? asAt = null, CancellationToken cancellationToken = default);

    /// <summary>The front-door queue, oldest first (<paramref name="status"/> <c>Open</c> or <c>Closed</c>; all when null).</summary>
    [Get("/children/api/front-door")]
    Task<List<FrontDoorContactView>> ListFrontDoorAsync(string? status = null, CancellationToken cancellationToken = default);

    /// <summary>Closes a front-door contact with who worked it and what was done.</summary>
    [Post("/children/api/front-door/{id}/worked")]
    Task<FrontDoorContactView> WorkContactAsync(Guid id, [Body] WorkContactRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Who holds <paramref name="function"/> (a children's function) at <paramref name="at"/>, as the children's copy
    /// of the Directions says.
    /// </summary>
    [Get("/children/api/authority")]
    Task<AuthorityInForce> GetAuthorityAsync(string function, DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null,
        CancellationToken cancellationToken = default);

    /// <summary>Who holds each of the children's functions at <paramref name="at"/> (now when null).</summary>
    [Get("/children/api/authority")]
    Task<List<AuthorityInForce>> ListAuthorityAsync(DateTimeOffset? at = null, DateTimeOffset? asKnownAt = null, CancellationToken cancellationToken = default);
}
