using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
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
    private const string UnderFebruary2015 = "2015-02-26T12:00:00Z";
    private const string UnderDecember2016 = "2016-12-01T12:00:00Z";

    [Fact]
    public async Task Directions_posted_to_governance_reach_each_service_as_its_own_functions_in_the_same_trace()
    {
        var system = shared.System;
        using var governance = system.Service("governance");
        using var licensingService = system.Service("licensing");
        using var children = system.Service("children");
        using var finance = system.Service("finance");

        // The caller's trace: the consumers in other processes must continue it.
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

        var licensing = await WaitForAuthorityAsync(licensingService, "licensing", recorded.Id, UnderFebruary2015);
        var visibleAfter = answered.Elapsed;
        Assert.Equal(new AuthorityInForce("licensing", Authority.Commissioners, Oversight.None, February2015, recorded.Id), licensing.Single());

        // Each service holds its own functions and no one else's.
        Assert.Equal(["childrens-social-care"], (await WaitForAuthorityAsync(children, "childrens-social-care", recorded.Id, UnderFebruary2015)).Select(a => a.Function));
        Assert.Equal(["financial-services"], (await WaitForAuthorityAsync(finance, "financial-services", recorded.Id, UnderFebruary2015)).Select(a => a.Function));
        Assert.Equal(["statutory-officer-appointments"], (await AuthorityAsync(governance, UnderFebruary2015)).Select(a => a.Function));

        // Before the Directions took effect, nobody held anything under them.
        Assert.Empty(await AuthorityAsync(licensingService, "2015-02-25T23:59:59Z"));

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
        using var december = await governance.PostAsJsonAsync("api/directions", new IssueDirectionsRequest
        {
            IssuedOn = new DateOnly(2016, 12, 1),
            IssuedBy = ["DCLG"],
            EffectiveFrom = December2016,
            Assignments = [new() { Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice }],
        }, ContractJson.Options);
        var warm = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, december.StatusCode);
        var returned = (await december.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options))!;
        await WaitForAuthorityAsync(licensingService, "licensing", returned.Id, UnderDecember2016);
        var warmVisibleAfter = warm.Elapsed;

        Assert.Equal(new AuthorityInForce("licensing", Authority.Council, Oversight.Advice, December2016, returned.Id),
            (await AuthorityAsync(licensingService, UnderDecember2016)).Single());
        Assert.Equal(Authority.Commissioners, (await AuthorityAsync(licensingService, "2016-06-01T12:00:00Z")).Single().Authority);
        Assert.Equal(Authority.Council, (await AuthorityAsync(licensingService, "2017-01-15T12:00:00+00:00")).Single().Authority);

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

    internal static async Task<List<AuthorityInForce>> AuthorityAsync(HttpClient service, string? at)
    {
        var uri = at is null ? "api/authority" : $"api/authority?at={Uri.EscapeDataString(at)}";
        return (await service.GetFromJsonAsync<List<AuthorityInForce>>(uri, ContractJson.Options))!;
    }

    /// <summary>Polls <paramref name="service"/> until it shows <paramref name="function"/> under <paramref name="directionsId"/> at <paramref name="at"/>.</summary>
    private async Task<List<AuthorityInForce>> WaitForAuthorityAsync(HttpClient service, string function, Guid directionsId, string at, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var inForce = await AuthorityAsync(service, at);
            if (inForce.Any(a => a.Function == function && a.DirectionsId == directionsId)) return inForce;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{service.BaseAddress} never showed {function} under Directions {directionsId} at {at}.\n{shared.System.Logs()}");
            await Task.Delay(10);
        }
    }
}
