using System.Diagnostics;
using System.Net;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Xunit;
using Xunit.Abstractions;
using static Intervention.FunctionalTests.Eventually;

namespace Intervention.FunctionalTests.Reliability;

/// <summary>
/// PostgreSQL down for 10 seconds under a running service: 503 problems, not 500s or hangs; unhealthy; then back by itself.
/// On the shared system: PostgreSQL is taken down as <c>pg_ctl stop</c> would (see <see cref="AspireSystem.TakePostgresDownAsync"/>),
/// started again with Aspire's start command, as ops would from the dashboard, and always started again.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class DatabaseOutageTests(SharedSystem shared, ITestOutputHelper output) : DatabaseOutageCases(shared.System, output);

/// <summary>The same with two licensing instances behind one address: both answer 503 and both recover.</summary>
[Collection(TwoReplicasSystem.Name)]
public sealed class DatabaseOutageWithTwoReplicasTests(TwoReplicasSystem two, ITestOutputHelper output) : DatabaseOutageCases(two.System, output);

/// <summary>The test of <see cref="DatabaseOutageTests"/>, run on each system that derives a class from it.</summary>
public abstract class DatabaseOutageCases(AspireSystem system, ITestOutputHelper output)
{
    [Fact]
    public async Task While_the_database_is_stopped_the_API_answers_503_problems_health_is_unhealthy_and_all_recovers_by_itself()
    {
        using var licensing = system.Service("licensing");
        var processes = system.ProcessIds("licensing").Order().ToList();
        Assert.Equal(system.Replicas, processes.Count);
        var before = await system.Api<ILicensingApi>().CreateDriverAsync(new NewDriver("Outage Before", new DateOnly(1980, 1, 1), LicenceType.PrivateHire));

        var answers = new List<string>();
        // A bound on each call, not a timing: a call that never answers is the failure this test exists for.
        using var http = new HttpClient { BaseAddress = licensing.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = licensing.DefaultRequestHeaders.Authorization;
        var stopping = Stopwatch.StartNew();
        try
        {
            // Inside the try: a stop that fails part-way still leaves PostgreSQL to be started again.
            await system.TakePostgresDownAsync();
            stopping.Stop();
            // Down, and cleanly: the services' open sessions were ended, not waited for.
            await WaitUntilAsync(() => system.Logs("postgres", 400).Contains("database system is shut down"), TimeSpan.FromSeconds(10),
                () => $"PostgreSQL did not shut down cleanly.\n{system.Logs("postgres", 20)}");
            var stopped = Stopwatch.StartNew();
            while (stopped.Elapsed < TimeSpan.FromSeconds(10))
            {
                using var read = await http.GetAsync("api/licences?at=2015-09-01");
                using var write = await http.PostAsync("api/drivers", new StringContent("""{"name":"Outage During","dateOfBirth":"1980-01-01","licenceType":"PrivateHire"}""", System.Text.Encoding.UTF8, "application/json"));
                foreach (var response in new[] { read, write })
                {
                    answers.Add($"{(int)response.StatusCode}");
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
                Assert.False(await system.HealthyAsync("licensing"), "health said healthy with the database stopped");
                await Task.Delay(500);
            }
        }
        finally
        {
            // Started again whatever happened: the other tests share this PostgreSQL.
            await system.StartResourceAsync("postgres");
        }

        // Back by itself: reads, writes and health, with no restart of the service.
        var back = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await http.GetAsync("api/licences?at=2015-09-01")).StatusCode == HttpStatusCode.OK && await system.HealthyAsync("licensing"),
            TimeSpan.FromSeconds(60), () => $"licensing did not recover.\n{system.Logs("licensing")}");
        var after = await system.Api<ILicensingApi>().CreateDriverAsync(new NewDriver("Outage After", new DateOnly(1980, 1, 1), LicenceType.PrivateHire));
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal(processes, system.ProcessIds("licensing").Order()); // the same processes throughout: they recovered, nothing restarted them
        var line = $"database outage: PostgreSQL down {stopping.ElapsedMilliseconds} ms after the signal (fast shutdown); {answers.Count} calls in 10 s all 503 problem details; recovered {back.ElapsedMilliseconds} ms after PostgreSQL started";
        output.WriteLine(line);
        Measurements.Record(line);
    }
}
