namespace Intervention.Contracts.Http;

/// <summary>One line of a service's audit trail, as <c>GET /api/audit</c> answers it (newest first).</summary>
/// <remarks>
/// Every portfolio service keeps a trail and answers with it, so it sits in the shared <c>Intervention.Contracts.Http</c>
/// rather than in one portfolio's <c>Http</c> namespace.
/// </remarks>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Actor">Who: the caller's name from the token, or <c>consumer:&lt;queue&gt;</c> for an event's effect.</param>
/// <param name="Action"><c>read</c> (a personal record), <c>change</c> (through the API) or <c>consume</c> (an event's effect).</param>
/// <param name="What">The endpoint (<c>POST /api/drivers/</c>), the kind of record read, or the event type.</param>
/// <param name="Resource">The record's path (<c>/api/drivers/{id}</c>; a change shows the request's path and the one it created), or the message id.</param>
/// <param name="Purpose">Why a record was read, as the caller said.</param>
/// <param name="Status">The HTTP status a change was answered with.</param>
/// <param name="TraceId">The W3C trace the line belongs to.</param>
public sealed record AuditLine(DateTimeOffset At, string Actor, string Action, string What, string? Resource, string? Purpose, int? Status, string? TraceId);
