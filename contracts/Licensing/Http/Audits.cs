namespace Intervention.Contracts.Licensing.Http;

/// <summary>Where an audit run stands.</summary>
public enum AuditStatus
{
    /// <summary>Drivers are being checked.</summary>
    Running,
    /// <summary>Every driver was checked.</summary>
    Completed,
    /// <summary>The run stopped on an error (see <c>failure</c>).</summary>
    Failed,
}

/// <summary>Run the standards over every driver licensed on <c>asAt</c> (default today).</summary>
/// <param name="AsAt">The day the standards are applied at.</param>
public sealed record StartAudit(DateOnly? AsAt = null);

/// <summary>An audit's progress and its outcome counts so far.</summary>
/// <param name="Id">The audit's id.</param>
/// <param name="AsAt">The day the standards are applied at.</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="DriversTotal">Drivers licensed on that day.</param>
/// <param name="DriversChecked">Drivers checked so far.</param>
/// <param name="PercentDone">Checked over total, as a percentage to one decimal place.</param>
/// <param name="Outcomes">Drivers found so far with each outcome.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Seconds">How long it took, once finished.</param>
/// <param name="Failure">Why it failed, when it did.</param>
public sealed record AuditView(Guid Id, DateOnly AsAt, AuditStatus Status, int DriversTotal, int DriversChecked, decimal PercentDone,
    IReadOnlyDictionary<FitnessOutcome, int> Outcomes, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, double? Seconds, string? Failure);

/// <summary>A driver an audit found needs a hearing, with every reason.</summary>
/// <param name="DriverId">The driver's id.</param>
/// <param name="LicenceReference">The licence's reference.</param>
/// <param name="Reasons">Every finding.</param>
public sealed record HearingListEntry(Guid DriverId, string LicenceReference, IReadOnlyList<FitnessReason> Reasons);
