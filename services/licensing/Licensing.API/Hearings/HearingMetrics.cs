using System.Diagnostics.Metrics;

namespace Licensing.API.Hearings;

/// <summary>Licensing's business measures (meter <c>Intervention.Licensing</c>), exported over OTLP.</summary>
public static class HearingMetrics
{
    private static readonly Meter Meter = new("Intervention.Licensing");
    public static readonly Counter<long> HearingsScheduled = Meter.CreateCounter<long>("intervention.licensing.hearings_scheduled", "{hearing}",
        "Case hearings scheduled, by decision-maker");
    public static readonly Counter<long> DecisionsMade = Meter.CreateCounter<long>("intervention.licensing.decisions", "{decision}",
        "Hearing decisions, by outcome and grounds");
}
