using System.Globalization;
using System.Text.RegularExpressions;
using Intervention.Contracts.Http;

namespace Governance.API.Progress;

/// <summary>Percentages from their numerator and denominator: the two are kept, the percentage is computed when asked.</summary>
public static class Percentages
{
    /// <summary>
    /// The share <paramref name="numerator"/> of <paramref name="denominator"/>, to one decimal place (half away from zero); no percentage when the
    /// denominator is zero.
    /// </summary>
    public static Share Of(int numerator, int denominator)
    {
        if (numerator < 0 || denominator < 0 || numerator > denominator)
            throw new ArgumentOutOfRangeException(nameof(numerator), $"{numerator} of {denominator} is not a share.");
        return new Share(numerator, denominator,
            denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero));
    }
}

/// <summary>A milestone's due date and status history, as the counting rule sees it.</summary>
/// <param name="DueOn">When it is due.</param>
/// <param name="History">Its status changes: the status and the date it took effect, with the instant recorded to order two on the same date.</param>
public sealed record MilestoneFacts(DateOnly DueOn, IReadOnlyList<(MilestoneStatus Status, DateOnly On, DateTimeOffset RecordedAt)> History);

/// <summary>How the improvement plan is counted at a date. Pure: milestones in, counts out; nothing counted is stored.</summary>
public static class ImprovementPlanCounts
{
    /// <summary>
    /// A milestone's status at <paramref name="asAt"/>: the latest status taken on or before that date
    /// (NotStarted before any); one not delivered whose due date has passed is Late.
    /// </summary>
    public static MilestoneStatus StatusAt(MilestoneFacts milestone, DateOnly asAt)
    {
        var status = milestone.History
            .Where(h => h.On <= asAt)
            .OrderBy(h => h.On).ThenBy(h => h.RecordedAt)
            .Select(h => (MilestoneStatus?)h.Status)
            .LastOrDefault() ?? MilestoneStatus.NotStarted;
        return status != MilestoneStatus.Delivered && milestone.DueOn < asAt ? MilestoneStatus.Late : status;
    }

    /// <summary>The plan's counts at <paramref name="asAt"/>.</summary>
    public static ImprovementPlanSummary Summarise(int objectives, IReadOnlyCollection<MilestoneFacts> milestones, DateOnly asAt, string? phase)
    {
        var statuses = milestones.Select(m => StatusAt(m, asAt)).ToList();
        var delivered = statuses.Count(s => s == MilestoneStatus.Delivered);
        return new ImprovementPlanSummary
        {
            AsAt = asAt,
            Phase = phase,
            Objectives = objectives,
            Milestones = statuses.Count,
            Delivered = delivered,
            InProgress = statuses.Count(s => s == MilestoneStatus.InProgress),
            NotStarted = statuses.Count(s => s == MilestoneStatus.NotStarted),
            Late = statuses.Count(s => s == MilestoneStatus.Late),
            DeliveredPercent = Percentages.Of(delivered, statuses.Count).Percent,
        };
    }
}

/// <summary>A corporate plan quarter's figures, computed from its measures.</summary>
public static class CorporatePlanFigures
{
    public static CorporatePlanQuarter Quarter(string year, int quarter, IReadOnlyCollection<CorporateMeasure> measures)
    {
        var withData = measures.Where(m => m.OnTarget is not null).ToList();
        var withDirection = measures.Where(m => m.Direction is not null).ToList();
        return new CorporatePlanQuarter
        {
            Year = year,
            Quarter = quarter,
            OnTarget = Percentages.Of(withData.Count(m => m.OnTarget == true), withData.Count),
            Improving = Percentages.Of(withDirection.Count(m => m.Direction == DirectionOfTravel.Improving), withDirection.Count),
            Declining = Percentages.Of(withDirection.Count(m => m.Direction == DirectionOfTravel.Declining), withDirection.Count),
            Measures = measures.OrderBy(m => m.Measure, StringComparer.Ordinal).ToList(),
        };
    }
}

/// <summary>Commissioner days: a pooled allocation against the days used.</summary>
public static class CommissionerDayRules
{
    /// <summary>Days left of the pooled allocation (negative when overrun); null when no allocation was set.</summary>
    public static decimal? Remaining(decimal? allocated, decimal used) => allocated - used;
}

/// <summary>The quarters of a financial year (Q1 is April to June); the year itself is <see cref="FinancialYear"/>.</summary>
public static class FinancialPeriods
{
    public const string QuarterRule = "must be a quarter, Q1 to Q4";

    /// <summary>Parses <c>Q1</c>..<c>Q4</c> (any case) or <c>1</c>..<c>4</c>.</summary>
    public static bool TryParseQuarter(string? text, out int quarter)
    {
        quarter = 0;
        if (string.IsNullOrEmpty(text)) return false;
        var digits = text.StartsWith('q') || text.StartsWith('Q') ? text[1..] : text;
        return digits.Length == 1 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out quarter) && quarter is >= 1 and <= 4;
    }
}

/// <summary>The Independent Health Check's ten factors (Rotherham, February–March 2018).</summary>
public static class HealthCheckFactors
{
    public static IReadOnlyList<string> All { get; } =
    [
        "The competence of the Council's political leadership to promote the vision for the borough, to have the confidence of stakeholders and " +
        "to work effectively with officers",
        "The competence of the Council's officer leadership to operate corporately and work effectively with Members",
        "Sufficiency of clarity about strategic direction and priorities which are becoming widely understood",
        "Engagement with key partners, the quality of partnership working and the Council's leadership role",
        "Engagement with residents and stakeholders, building community cohesion",
        "Capacity and resolve to deliver financial stability and financial discipline",
        "Capacity and resolve to identify and manage risk, and to deal with new demands, turbulence, challenges, service weaknesses and failures, " +
        "media attention and reputational risks",
        "A positive and healthy organisational culture and attention to performance management",
        "Prospects for the sustainability and continuity of competent leadership",
        "Assurance of improved Council capability in relation to adult social care and domestic abuse, in preparedness for the removal of " +
        "Commissioners' additional formal advice",
    ];

    /// <summary>The factor's name, or null when <paramref name="factor"/> is not 1 to 10.</summary>
    public static string? Find(int factor) => factor is >= 1 and <= 10 ? All[factor - 1] : null;
}

/// <summary>The codes callers choose for improvement plan objectives and milestones and corporate plan measures.</summary>
public static partial class PlanCodes
{
    public const string Rule = "must be 1 to 100 characters of lower-case letters, digits and hyphens, e.g. phase-two-1";

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex Code();

    public static bool IsValid(string? code) => code is not null && Code().IsMatch(code);
}
