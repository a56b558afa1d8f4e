using Intervention.Contracts.Governance.Http;

namespace Intervention.Seeds.Rotherham;

/// <summary>
/// The published progress figures (Commissioners' report to the Secretaries of State, 2017): the Phase Two
/// improvement plan (20 objectives, 99 measurable milestones, 48 delivered by December 2016), the corporate
/// plan measures on target (39.7% at Q2 2016/17, 43.9% at Q3) and improving (43.1%, 47.8%), and Commissioner
/// days (448, 248, 114, about 40 by year; no more than 200 for three Commissioners in 2018/19). The reports give
/// counts and percentages, not the items: titles, codes and the counts behind each percentage are illustrative,
/// chosen so that the service computes the published figures.
/// </summary>
public static class ProgressEvidence
{
    public const string Phase = "Phase Two";

    public static IEnumerable<(string Code, ImprovementObjectiveRequest Request)> Objectives() =>
        Enumerable.Range(1, 20).Select(i => ($"phase-two-{i:D2}", new ImprovementObjectiveRequest
        {
            Phase = Phase,
            Title = $"Phase Two objective {i} (title illustrative)",
        }));

    /// <summary>99 milestones spread over the 20 objectives, due by May 2017; the first 48 delivered by December 2016.</summary>
    public static IEnumerable<(string Code, ImprovementMilestoneRequest Request, IReadOnlyList<MilestoneStatusRequest> Statuses)> Milestones() =>
        Enumerable.Range(1, 99).Select(i =>
        {
            List<MilestoneStatusRequest> statuses = [new() { Status = MilestoneStatus.InProgress, On = new DateOnly(2016, 7, 11) }];
            if (i <= 48) statuses.Add(new() { Status = MilestoneStatus.Delivered, On = new DateOnly(2016, 8, 1).AddDays(i * 2) });
            return ($"phase-two-m{i:D3}", new ImprovementMilestoneRequest
            {
                Objective = $"phase-two-{(i - 1) % 20 + 1:D2}",
                Title = $"Milestone {i} (title illustrative)",
                DueOn = new DateOnly(2017, 5, 31),
            }, (IReadOnlyList<MilestoneStatusRequest>)statuses);
        });

    /// <summary>Q2 2016/17: 23 of 58 on target (39.7%), 25 improving (43.1%); Q3: 25 of 57 (43.9%), 22 of 46 improving (47.8%).</summary>
    public static IEnumerable<(string Year, string Quarter, string Measure, CorporateMeasureRequest Request)> CorporatePlanMeasures()
    {
        for (var i = 1; i <= 58; i++)
            yield return ("2016-17", "Q2", $"measure-{i:D2}", new CorporateMeasureRequest
            {
                OnTarget = i <= 23,
                Direction = i <= 25 ? DirectionOfTravel.Improving : i % 2 == 0 ? DirectionOfTravel.Stable : DirectionOfTravel.Declining,
            });
        for (var i = 1; i <= 57; i++)
            yield return ("2016-17", "Q3", $"measure-{i:D2}", new CorporateMeasureRequest
            {
                OnTarget = i <= 25,
                Direction = i <= 22 ? DirectionOfTravel.Improving : i <= 46 ? DirectionOfTravel.Declining : null,
            });
    }

    public static IEnumerable<(string Year, CommissionerDaysRequest Request)> CommissionerDays() =>
    [
        ("2015-16", new() { DaysUsed = 448, Note = "plus a full-time Managing Director Commissioner" }),
        ("2016-17", new() { DaysUsed = 248, Commissioners = 4 }),
        ("2017-18", new() { DaysUsed = 114, Commissioners = 3 }),
        ("2018-19", new() { AllocatedDays = 200, DaysUsed = 40, Commissioners = 3, Note = "final estimate (about 40 days)" }),
    ];
}
