using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing.Http;
using Intervention.Contracts.Http;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests;

/// <summary>
/// Flow 1 of DESIGN.md: governance records Directions, every service learns who holds its functions. On the shared system
/// other tests record Directions for other dates: each service is asked who held what at an instant these Directions
/// govern, just after they were recorded (the latest recorded for an instant wins).
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class DirectionsReachEveryServiceTests(SharedSystem shared, ITestOutputHelper output)
{
    private static readonly DateTimeOffset February2015 = DateTimeOffset.Parse("2015-02-26T00:00:00Z");
    private static readonly DateTimeOffset December2016 = DateTimeOffset.Parse("2016-12-01T00:00:00Z");
    private static readonly DateTimeOffset UnderFebruary2015 = DateTimeOffset.Parse("2015-02-26T12:00:00Z");
    private static readonly DateTimeOffset UnderDecember2016 = DateTimeOffset.Parse("2016-12-01T12:00:00Z");

    [Fact]
    public async Task Directions_posted_to_governance_reach_each_service_as_its_own_functions_in_the_same_trace()
    {
        var system = shared.System;
        using var governance = system.Service("governance");

        // The caller's trace: the consumers in other processes must continue it. Sent as written, for its Location header.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/directions")
        {
            Content = JsonContent.Create(new IssueDirectionsRequest
            {
                IssuedOn = new DateOnly(2015, 2, 26),
                IssuedBy = ["DCLG", "DfE"],
                EffectiveFrom = February2015,
                InterventionEndsOn = new DateOnly(2019, 3, 31),
                Assignments =
                [
                    new() { Function = "licensing", Authority = Authority.Commissioners, Oversight = Oversight.None },
                    new() { Function = "childrens-social-care", Authority = Authority.Commissioners, Oversight = Oversight.None },
                    new() { Function = "financial-services", Authority = Authority.Commissioners, Oversight = Oversight.None },
                    new() { Function = "statutory-officer-appointments", Authority = Authority.Commissioners, Oversight = Oversight.None },
                    // A council function no service holds (not housing: the decision register's tests keep housing unassigned).
                    new() { Function = "grounds-maintenance", Authority = Authority.Commissioners, Oversight = Oversight.None },
                ],
            }, options: ContractJson.Options),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await governance.SendAsync(request);
        var answered = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options);
        Assert.NotNull(recorded);
        Assert.Equal($"/api/directions/{recorded.Id}", response.Headers.Location?.OriginalString);

        var licensing = await WaitForAuthorityAsync("licensing", "licensing", recorded.Id, UnderFebruary2015);
        var visibleAfter = answered.Elapsed;
        Assert.Equal(new AuthorityInForce("licensing", Authority.Commissioners, Oversight.None, February2015, recorded.Id), licensing.Single());

        // Each service holds its own functions and no one else's.
        Assert.Equal(["childrens-social-care"], (await WaitForAuthorityAsync("children", "childrens-social-care", recorded.Id, UnderFebruary2015)).Select(a => a.Function));
        Assert.Equal(["financial-services"], (await WaitForAuthorityAsync("finance", "financial-services", recorded.Id, UnderFebruary2015)).Select(a => a.Function));
        Assert.Equal(["statutory-officer-appointments"], (await system.Api<IGovernanceApi>().ListAuthorityAsync(UnderFebruary2015)).Select(a => a.Function));

        // Before the Directions took effect, nobody held anything under them.
        Assert.Empty(await CopyOf("licensing")(DateTimeOffset.Parse("2015-02-25T23:59:59Z")));

        // The licensing process's consumer span belongs to the caller's trace.
        var consume = await system.Telemetry.WaitForAsync(
            s => s.Service == "licensing" && s.Kind == ReceivedSpan.Consumer && s.TraceId == traceId,
            TimeSpan.FromSeconds(20), $"of licensing consuming DirectionsIssued in trace {traceId}");
        Assert.Contains("licensing-directions-issued", consume.Name);
        var server = await system.Telemetry.WaitForAsync(
            s => s.Service == "governance" && s.Kind == ReceivedSpan.Server && s.TraceId == traceId,
            TimeSpan.FromSeconds(20), "of governance's POST");
        Assert.Equal("POST /api/directions/", server.Name);

        // A second Directions, with every process warm: December 2016 returns licensing to the
        // Council (the Licensing Board) with Commissioner advice. The copy keeps its history.
        var returned = await system.Api<IGovernanceApi>().IssueDirectionsAsync(new IssueDirectionsRequest
        {
            IssuedOn = new DateOnly(2016, 12, 1),
            IssuedBy = ["DCLG"],
            EffectiveFrom = December2016,
            Assignments = [new() { Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice }],
        });
        var warm = Stopwatch.StartNew();
        await WaitForAuthorityAsync("licensing", "licensing", returned.Id, UnderDecember2016);
        var warmVisibleAfter = warm.Elapsed;

        Assert.Equal(new AuthorityInForce("licensing", Authority.Council, Oversight.Advice, December2016, returned.Id),
            (await CopyOf("licensing")(UnderDecember2016)).Single());
        Assert.Equal(Authority.Commissioners, (await CopyOf("licensing")(DateTimeOffset.Parse("2016-06-01T12:00:00Z"))).Single().Authority);
        Assert.Equal(Authority.Council, (await CopyOf("licensing")(DateTimeOffset.Parse("2017-01-15T12:00:00+00:00"))).Single().Authority);

        // Publish-to-effect from the two databases' clocks (same machine): the relay marks the
        // outbox row published once the broker confirms; licensing's inbox row commits with the effect.
        var (coldRelay, coldEffect) = await OutboxTimingsAsync(system, recorded.Id);
        var (warmRelay, warmEffect) = await OutboxTimingsAsync(system, returned.Id);
        var line = $"first (cold) Directions visible in licensing {visibleAfter.TotalMilliseconds:0} ms after governance's 201 (outbox write-to-publish {coldRelay.TotalMilliseconds:0.0} ms, publish-to-effect {coldEffect.TotalMilliseconds:0.0} ms); " +
                   $"second (warm) {warmVisibleAfter.TotalMilliseconds:0} ms after the 201 (write-to-publish {warmRelay.TotalMilliseconds:0.0} ms, publish-to-effect {warmEffect.TotalMilliseconds:0.0} ms); polling every 10 ms";
        output.WriteLine(line);
        Measurements.Record("two-process: " + line);
    }

    /// <summary>From the outbox row's write to the broker's confirm (the relay), and from there to licensing's inbox commit (the consumer).</summary>
    private static async Task<(TimeSpan Relay, TimeSpan Effect)> OutboxTimingsAsync(AspireSystem system, Guid directionsId)
    {
        DateTimeOffset written, published;
        Guid messageId;
        await using (var governance = new NpgsqlConnection(await system.ConnectionStringAsync("governancedb")))
        {
            await governance.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT id, published_at, created_at FROM outbox_messages WHERE body->>'directionsId' = @id", governance);
            cmd.Parameters.AddWithValue("id", directionsId.ToString());
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "governance's outbox holds the DirectionsIssued row");
            messageId = reader.GetGuid(0);
            published = reader.GetFieldValue<DateTimeOffset>(1);
            written = reader.GetFieldValue<DateTimeOffset>(2);
        }
        await using var licensing = new NpgsqlConnection(await system.ConnectionStringAsync("licensingdb"));
        await licensing.OpenAsync();
        await using var inbox = new NpgsqlCommand("SELECT received_at FROM inbox_messages WHERE message_id = @id", licensing);
        inbox.Parameters.AddWithValue("id", messageId);
        var received = (DateTime)(await inbox.ExecuteScalarAsync() ?? throw new InvalidOperationException("licensing's inbox has no row for the message"));
        return (published - written, new DateTimeOffset(received, TimeSpan.Zero) - published);
    }

    /// <summary>Who holds each of <paramref name="service"/>'s functions at an instant, as its own copy of the Directions says.</summary>
    private Func<DateTimeOffset, Task<List<AuthorityInForce>>> CopyOf(string service) => service switch
    {
        "licensing" => at => shared.System.Api<ILicensingApi>().ListAuthorityAsync(at),
        "children" => at => shared.System.Api<IChildrenApi>().ListAuthorityAsync(at),
        "finance" => at => shared.System.Api<IFinanceApi>().ListAuthorityAsync(at),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "a service with a copy of the Directions"),
    };

    /// <summary>Polls <paramref name="service"/> until it shows <paramref name="function"/> under <paramref name="directionsId"/> at <paramref name="at"/>.</summary>
    private async Task<List<AuthorityInForce>> WaitForAuthorityAsync(string service, string function, Guid directionsId, DateTimeOffset at, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var inForce = await CopyOf(service)(at);
            if (inForce.Any(a => a.Function == function && a.DirectionsId == directionsId)) return inForce;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{service} never showed {function} under Directions {directionsId} at {at:O}.\n{shared.System.Logs()}");
            await Task.Delay(10);
        }
    }
}
