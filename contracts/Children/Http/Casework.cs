namespace Intervention.Contracts.Children.Http;

/// <summary>A statutory visit: due on a day, done (or not yet) on another.</summary>
/// <param name="Child">The child's local identifier.</param>
/// <param name="DueOn">The day the visit is due.</param>
/// <param name="VisitedOn">The day it was done; absent while not done.</param>
public sealed record VisitRecord(string? Child, DateOnly? DueOn, DateOnly? VisitedOn);

/// <summary>A children and family assessment.</summary>
/// <param name="Child">The child's identifier.</param>
/// <param name="StartedOn">The day it started.</param>
/// <param name="CompletedOn">The day it was completed; absent while open.</param>
public sealed record AssessmentRecord(string? Child, DateOnly? StartedOn, DateOnly? CompletedOn);

/// <summary>A child in need plan and when its next review is due.</summary>
/// <param name="Child">The child's identifier.</param>
/// <param name="StartedOn">The day the plan started.</param>
/// <param name="EndedOn">The day it ended; absent while open.</param>
/// <param name="ReviewDueOn">The day its next review is due.</param>
public sealed record PlanRecord(string? Child, DateOnly? StartedOn, DateOnly? EndedOn, DateOnly? ReviewDueOn);

/// <summary>An initial or annual health assessment.</summary>
/// <param name="Child">The child's local identifier.</param>
/// <param name="Kind"><c>Initial</c> or <c>Annual</c>.</param>
/// <param name="DueOn">The day it is due.</param>
/// <param name="DoneOn">The day it was done; absent while not done.</param>
public sealed record HealthAssessmentRecord(string? Child, string? Kind, DateOnly? DueOn, DateOnly? DoneOn);

/// <summary>A return home interview after a missing episode that ended on <c>returnedOn</c> (its MIS_END).</summary>
/// <param name="Child">The child's local identifier.</param>
/// <param name="ReturnedOn">The day the child returned.</param>
/// <param name="InterviewedOn">The day of the interview.</param>
public sealed record ReturnInterviewRecord(string? Child, DateOnly? ReturnedOn, DateOnly? InterviewedOn);

/// <summary>A social worker in post (an agency worker or not).</summary>
/// <param name="Id">The worker's identifier.</param>
/// <param name="Agency">Whether an agency worker.</param>
/// <param name="StartedOn">The day the worker started.</param>
/// <param name="LeftOn">The day the worker left; absent while in post.</param>
public sealed record SocialWorkerRecord(string? Id, bool? Agency, DateOnly? StartedOn, DateOnly? LeftOn);

/// <summary>A child allocated to a social worker.</summary>
/// <param name="Child">The child's local identifier.</param>
/// <param name="SocialWorker">The worker's identifier.</param>
/// <param name="FromOn">The day the allocation starts.</param>
/// <param name="ToOn">The day it ends; absent while current.</param>
public sealed record AllocationRecord(string? Child, string? SocialWorker, DateOnly? FromOn, DateOnly? ToOn);

/// <summary>A postcode's (or 903 sector's) centroid.</summary>
/// <param name="Postcode">The postcode or sector, e.g. <c>S60 1</c>.</param>
/// <param name="Latitude">The centroid's latitude.</param>
/// <param name="Longitude">The centroid's longitude.</param>
public sealed record PostcodeRecord(string? Postcode, double? Latitude, double? Longitude);

/// <summary>How many records a load wrote (new or updated).</summary>
/// <param name="Records">The records written.</param>
public sealed record Loaded(int Records);
