using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Servers;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests;

/// <summary>Flow 1 of DESIGN.md: governance records Directions, every service learns who holds its functions.</summary>
public sealed class DirectionsReachEveryServiceTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset February2015 = DateTimeOffset.Parse("2015-02-26T00:00:00Z");
    private static readonly DateTimeOffset December2016 = DateTimeOffset.Parse("2016-12-01T00:00:00Z");

    [Fact]
    public async Task Directions_posted_to_governance_reach_each_service_as_its_own_functions_in_the_same_trace()
    {
        await using var system = await RunningSystem.StartAsync("governance", "licensing", "children", "finance");

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
                    new() { Function = "housing", Authority = Authority.Commissioners, Oversight = Oversight.None },
                ],
            }, options: ContractJson.Options),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await system["governance"].Http.SendAsync(request);
        var answered = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options);
        Assert.NotNull(recorded);
        Assert.Equal($"/api/directions/{recorded.Id}", response.Headers.Location?.OriginalString);

        var licensing = await WaitForAuthorityAsync(system["licensing"], "licensing", recorded.Id);
        var visibleAfter = answered.Elapsed;
        Assert.Equal(new AuthorityInForce("licensing", Authority.Commissioners, Oversight.None, February2015, recorded.Id), licensing.Single());

        // Each service holds its own functions and no one else's.
        Assert.Equal(["childrens-social-care"], (await WaitForAuthorityAsync(system["children"], "childrens-social-care", recorded.Id)).Select(a => a.Function));
        Assert.Equal(["financial-services"], (await WaitForAuthorityAsync(system["finance"], "financial-services", recorded.Id)).Select(a => a.Function));
        Assert.Equal(["statutory-officer-appointments"], (await AuthorityAsync(system["governance"], null)).Select(a => a.Function));

        // Before the Directions took effect, nobody held anything under them.
        Assert.Empty(await AuthorityAsync(system["licensing"], "2015-02-25T23:59:59Z"));

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
        using var december = await system["governance"].Http.PostAsJsonAsync("api/directions", new IssueDirectionsRequest
        {
            IssuedOn = new DateOnly(2016, 12, 1),
            IssuedBy = ["DCLG"],
            EffectiveFrom = December2016,
            Assignments = [new() { Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice }],
        }, ContractJson.Options);
        var warm = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, december.StatusCode);
        var returned = (await december.Content.ReadFromJsonAsync<DirectionsRecorded>(ContractJson.Options))!;
        await WaitForAuthorityAsync(system["licensing"], "licensing", returned.Id);
        var warmVisibleAfter = warm.Elapsed;

        Assert.Equal(new AuthorityInForce("licensing", Authority.Council, Oversight.Advice, December2016, returned.Id),
            (await AuthorityAsync(system["licensing"], null)).Single());
        Assert.Equal(Authority.Commissioners, (await AuthorityAsync(system["licensing"], "2016-06-01T12:00:00Z")).Single().Authority);
        Assert.Equal(Authority.Council, (await AuthorityAsync(system["licensing"], "2017-01-15T12:00:00+00:00")).Single().Authority);

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
    private static async Task<(TimeSpan Relay, TimeSpan Effect)> OutboxTimingsAsync(RunningSystem system, Guid directionsId)
    {
        DateTimeOffset written, published;
        Guid messageId;
        await using (var governance = new NpgsqlConnection(system.Postgres.ConnectionString(system.DatabaseOf("governance"))))
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
        await using var licensing = new NpgsqlConnection(system.Postgres.ConnectionString(system.DatabaseOf("licensing")));
        await licensing.OpenAsync();
        await using var inbox = new NpgsqlCommand("SELECT received_at FROM inbox_messages WHERE message_id = @id", licensing);
        inbox.Parameters.AddWithValue("id", messageId);
        var received = (DateTime)(await inbox.ExecuteScalarAsync() ?? throw new InvalidOperationException("licensing's inbox has no row for the message"));
        return (published - written, new DateTimeOffset(received, TimeSpan.Zero) - published);
    }

    internal static Task<List<AuthorityInForce>> AuthorityAsync(ServiceProcess service, string? at) => AuthorityAsync(service.Http, at);

    internal static async Task<List<AuthorityInForce>> AuthorityAsync(HttpClient service, string? at)
    {
        var uri = at is null ? "api/authority" : $"api/authority?at={Uri.EscapeDataString(at)}";
        return (await service.GetFromJsonAsync<List<AuthorityInForce>>(uri, ContractJson.Options))!;
    }

    internal static async Task<List<AuthorityInForce>> WaitForAuthorityAsync(ServiceProcess service, string function, Guid directionsId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var inForce = await AuthorityAsync(service, null);
            if (inForce.Any(a => a.Function == function && a.DirectionsId == directionsId)) return inForce;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{service.Name} never showed {function} under Directions {directionsId}.\n{service.Tail()}");
            await Task.Delay(10);
        }
    }
}
