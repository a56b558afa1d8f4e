using System.Diagnostics;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Ops;

/// <summary>
/// What ops see over OTLP: one request through the gateway is one trace, from the gateway through the service and its
/// outbox relay to every consumer of the events it caused; and the platform's and the portfolios' measures arrive as metrics.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class OneTraceTests(SharedSystem shared, ITestOutputHelper output)
{
    [Fact]
    public async Task A_licensing_decision_through_the_gateway_is_one_trace_to_every_consumer_and_the_metrics_are_exported()
    {
        var system = shared.System;
        var (governance, licensing) = (system.Api<IGovernanceApi>(), system.Api<ILicensingApi>());
        // The Directions of 26 February 2015 (recorded alike by every test that needs them), asked for at an instant they govern.
        var directions = await governance.IssueDirectionsAsync(RotherhamDirections.February2015());
        await WaitUntilAsync(async () => (await licensing.ListAuthorityAsync(at: RotherhamDirections.UnderFebruary2015)).Any(a => a.DirectionsId == directions.Id),
            TimeSpan.FromSeconds(20), () => "licensing never got the Directions");
        var driver = await licensing.CreateDriverAsync(new NewDriver("Trace Case", new DateOnly(1970, 1, 1), LicenceType.PrivateHire, AppliedOn: new DateOnly(2016, 1, 4)));
        var hearing = await licensing.ScheduleHearingAsync(new ScheduleHearing(driver.Id, new DateOnly(2016, 6, 15), "Trace"));

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        await system.ApiInTrace<ILicensingApi>(traceId).DecideHearingAsync(hearing.Id,
            new DecideHearing(HearingOutcome.Revocation, "Trace", DecisionGrounds.Safeguarding, Immediate: true, NoticeGivenOn: new DateOnly(2016, 6, 15)));

        // The gateway's span, licensing's, its outbox relay's, and each consumer's: governance (DecisionRecorded) and children (SafeguardingConcernRaised).
        bool Has(Func<ReceivedSpan, bool> match) => system.Telemetry.Spans.Any(s => s.TraceId == traceId && match(s));
        var expected = new (string What, Func<ReceivedSpan, bool> Match)[]
        {
            ("gateway server span", s => s.Service == "gateway" && s.Kind == ReceivedSpan.Server),
            ("licensing server span", s => s.Service == "licensing" && s.Kind == ReceivedSpan.Server && s.Name.Contains("decision")),
            ("licensing outbox relay", s => s.Service == "licensing" && s.Scope == "Intervention.Outbox"),
            ("governance consumer", s => s.Service == "governance" && s.Kind == ReceivedSpan.Consumer),
            ("children consumer", s => s.Service == "children" && s.Kind == ReceivedSpan.Consumer),
        };
        await WaitUntilAsync(() => expected.All(e => Has(e.Match)), TimeSpan.FromSeconds(30),
            () => "missing from the trace: " + string.Join(", ", expected.Where(e => !Has(e.Match)).Select(e => e.What)) + "\n" + Tree(system.Telemetry.Spans.Where(s => s.TraceId == traceId).ToList()));
        var tree = Tree(system.Telemetry.Spans.Where(s => s.TraceId == traceId).ToList());
        output.WriteLine(tree);
        Measurements.Record($"one trace {traceId}:\n{tree}");

        // Metrics: the platform's (published, consumed, outbox backlog) and the portfolios' (hearings scheduled, KPI refreshes).
        Assert.NotEmpty(await system.Api<IChildrenApi>().GetKpisAsync(new DateOnly(2018, 3, 31)));
        bool Metric(string service, string name, double atLeast) => system.Telemetry.Metrics.Any(m => m.Service == service && m.Name == name && m.Value >= atLeast);
        var metrics = new (string Service, string Name, double AtLeast)[]
        {
            ("licensing", "intervention.events.published", 1), // one data point per event type
            ("licensing", "intervention.outbox.backlog", 0),
            ("licensing", "intervention.outbox.oldest_age", 0),
            ("licensing", "intervention.licensing.hearings_scheduled", 1),
            ("governance", "intervention.events.consumed", 1),
            ("children", "intervention.events.consumed", 1),
            ("children", "intervention.children.kpi_refreshes", 1),
        };
        await WaitUntilAsync(() => metrics.All(m => Metric(m.Service, m.Name, m.AtLeast)), TimeSpan.FromSeconds(30),
            () => "metrics not exported: " + string.Join(", ", metrics.Where(m => !Metric(m.Service, m.Name, m.AtLeast)).Select(m => $"{m.Service} {m.Name}")) +
                  "\nreceived: " + string.Join(", ", system.Telemetry.Metrics.Select(m => $"{m.Service}/{m.Name}").Distinct().Order()));

        // Exporting telemetry is not itself logged: the console logs ops read stay the services' own (each export used to
        // write two Polly lines, several a second).
        foreach (var service in new[] { "licensing", "governance", "children", "gateway" })
            Assert.DoesNotContain(system.Logs(service, 400).Split('\n'), line => line.Contains("/v1/metrics") || line.Contains("/v1/traces") || line.Contains("/v1/logs"));
    }

    /// <summary>The spans of a trace as an indented tree, parents before children.</summary>
    private static string Tree(IReadOnlyList<ReceivedSpan> spans)
    {
        var lines = new StringBuilder();
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        void Write(ReceivedSpan span, int depth)
        {
            lines.AppendLine($"{new string(' ', depth * 2)}{span.Service}: {span.Name} ({Kind(span.Kind)})");
            foreach (var child in spans.Where(s => s.ParentSpanId == span.SpanId)) Write(child, depth + 1);
        }
        foreach (var root in spans.Where(s => !ids.Contains(s.ParentSpanId))) Write(root, 0);
        return lines.ToString().TrimEnd();
    }

    private static string Kind(int kind) => kind switch { 1 => "internal", 2 => "server", 3 => "client", 4 => "producer", 5 => "consumer", _ => "unspecified" };

}
