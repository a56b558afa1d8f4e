namespace Intervention.Contracts.Licensing.Http;

/// <summary>Where a licence stands on a day.</summary>
public enum LicenceStatus
{
    /// <summary>Applied for, never granted.</summary>
    Applied,
    /// <summary>Granted and in its term.</summary>
    Active,
    /// <summary>Suspended by a decision in force.</summary>
    Suspended,
    /// <summary>Revoked by a decision in force.</summary>
    Revoked,
    /// <summary>The last term ended without renewal.</summary>
    Expired,
    /// <summary>A grant or renewal was refused.</summary>
    Refused,
}

/// <summary>The statuses a decision puts a licence in.</summary>
public enum DecidedStatus
{
    /// <summary>Suspended.</summary>
    Suspended,
    /// <summary>Revoked.</summary>
    Revoked,
    /// <summary>A grant or renewal refused.</summary>
    Refused,
}

/// <summary>
/// A grant or renewal: the standard term unless a shorter one is given with its reason; an over-age vehicle needs its
/// exceptional condition recorded.
/// </summary>
/// <param name="GrantedOn">The day of the grant.</param>
/// <param name="TermMonths">The term in months; the standard term for the licence type when absent.</param>
/// <param name="ShorterTermReason">Why the term is shorter than the standard one.</param>
/// <param name="ExceptionalConditionReason">For an over-age vehicle: why its exceptional condition allows a grant.</param>
public sealed record GrantRequest(DateOnly? GrantedOn, int? TermMonths = null, string? ShorterTermReason = null, string? ExceptionalConditionReason = null);

/// <summary>A grant or renewal of a licence.</summary>
/// <param name="GrantedOn">The day of the grant.</param>
/// <param name="TermMonths">The term in months.</param>
/// <param name="ExpiresOn">The last day of the term.</param>
/// <param name="ShorterTermReason">Why the term is shorter than the standard one.</param>
/// <param name="ExceptionalCondition">An over-age vehicle's exceptional condition.</param>
public sealed record GrantView(DateOnly GrantedOn, int TermMonths, DateOnly ExpiresOn, string? ShorterTermReason, string? ExceptionalCondition);

/// <summary>A status a decision put the licence in.</summary>
/// <param name="Status">The status decided.</param>
/// <param name="EffectiveOn">The day it takes effect; null while an appeal is pending.</param>
/// <param name="DecisionId">The decision, when a hearing made it.</param>
/// <param name="Reason">Why.</param>
public sealed record StatusChangeView(DecidedStatus Status, DateOnly? EffectiveOn, Guid? DecisionId, string Reason);

/// <summary>A licence with its status on a day, its grants and its decided status changes.</summary>
/// <param name="Reference">The licence's reference, e.g. <c>PH-000001</c>.</param>
/// <param name="Type">The kind of licence.</param>
/// <param name="AppliedOn">The day it was applied for.</param>
/// <param name="At">The day the status is given for.</param>
/// <param name="Status">Its status on that day.</param>
/// <param name="Grants">Its grants and renewals.</param>
/// <param name="StatusChanges">The statuses decisions put it in.</param>
public sealed record LicenceView(string Reference, LicenceType Type, DateOnly AppliedOn, DateOnly At, LicenceStatus Status,
    IReadOnlyList<GrantView> Grants, IReadOnlyList<StatusChangeView> StatusChanges);

/// <summary>How many licences of a type are in a status on a day.</summary>
/// <param name="Type">The kind of licence.</param>
/// <param name="Status">The status.</param>
/// <param name="Count">How many.</param>
public sealed record LicenceCount(LicenceType Type, LicenceStatus Status, int Count);
