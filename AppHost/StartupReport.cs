using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Intervention.AppHost;

/// <summary>
/// Says on the console when every resource is healthy, how long it took from the AppHost's start, and a table of names (a row per replica),
/// URLs, pids and the seconds at which each began running and became healthy: what ops and scripts wait for, and where a
/// slow start spends its time (the dashboard shows the same live).
/// </summary>
internal static class StartupReport
{
    // Watched from before the orchestrator starts anything (hosted services start only once it has started every resource).
    public static void AddStartupReport(this IDistributedApplicationBuilder builder) => builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
    {
        var watched = e.Model.Resources.Where(r => r is ProjectResource || (r is ExecutableResource && r.Annotations.OfType<HealthCheckAnnotation>().Any()))
            .ToDictionary(r => r.Name, r => r.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1);
        Task.Run(() => Report(e.Services.GetRequiredService<ResourceNotificationService>(), watched,
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        return Task.CompletedTask;
    });

    private static async Task Report(ResourceNotificationService notifications, Dictionary<string, int> watched, CancellationToken stopping)
    {
        var start = Process.GetCurrentProcess().StartTime;
        Dictionary<string, (ResourceEvent Last, double? Running, double? Healthy)> seen = [];
        await foreach (var e in notifications.WatchAsync(stopping).Where(e => watched.ContainsKey(e.Resource.Name)))
        {
            var (now, name) = ((DateTime.Now - start).TotalSeconds, watched[e.Resource.Name] > 1 ? e.ResourceId : e.Resource.Name);
            var (_, running, healthy) = seen.GetValueOrDefault(name);
            seen[name] = (e, running ?? (e.Snapshot.State?.Text == KnownResourceStates.Running ? now : null),
                healthy ?? (e.Snapshot.HealthStatus == HealthStatus.Healthy ? now : null));
            if (seen.Count == watched.Values.Sum() && seen.Values.All(s => s.Healthy is not null)) break;
        }
        Console.WriteLine($"all healthy in {seen.Values.Max(s => s.Healthy):0.0} s\n{"name",-22} {"url",-28} {"pid",-8} {"running",8} {"healthy",8}");
        foreach (var (name, (last, running, healthy)) in seen)
            Console.WriteLine($"{name,-22} {last.Snapshot.Urls.FirstOrDefault(u => !u.IsInternal)?.Url,-28} " +
                $"{last.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value,-8} {running,6:0.0} s {healthy,6:0.0} s");
    }
}
