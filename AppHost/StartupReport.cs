using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Intervention.AppHost;

/// <summary>
/// Says on the console when every resource is healthy, how long it took from the AppHost's start, and a table of names,
/// URLs, pids and the seconds at which each began running and became healthy: what ops and scripts wait for, and where a
/// slow start spends its time (the dashboard shows the same live).
/// </summary>
internal static class StartupReport
{
    // Watched from before the orchestrator starts anything (hosted services start only once it has started every resource).
    public static void AddStartupReport(this IDistributedApplicationBuilder builder) => builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
    {
        var watched = e.Model.Resources.Where(r => r is ProjectResource || (r is ExecutableResource && r.Annotations.OfType<HealthCheckAnnotation>().Any()));
        Task.Run(() => Report(e.Services.GetRequiredService<ResourceNotificationService>(), watched.Select(r => r.Name).ToHashSet(),
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        return Task.CompletedTask;
    });

    private static async Task Report(ResourceNotificationService notifications, HashSet<string> watched, CancellationToken stopping)
    {
        var start = Process.GetCurrentProcess().StartTime;
        Dictionary<string, (ResourceEvent Last, double? Running, double? Healthy)> seen = [];
        await foreach (var e in notifications.WatchAsync(stopping).Where(e => watched.Contains(e.Resource.Name)))
        {
            var (now, (_, running, healthy)) = ((DateTime.Now - start).TotalSeconds, seen.GetValueOrDefault(e.Resource.Name));
            seen[e.Resource.Name] = (e, running ?? (e.Snapshot.State?.Text == KnownResourceStates.Running ? now : null),
                healthy ?? (e.Snapshot.HealthStatus == HealthStatus.Healthy ? now : null));
            if (seen.Count == watched.Count && seen.Values.All(s => s.Healthy is not null)) break;
        }
        Console.WriteLine($"all healthy in {seen.Values.Max(s => s.Healthy):0.0} s\n{"name",-14} {"url",-28} {"pid",-8} {"running",8} {"healthy",8}");
        foreach (var (name, (last, running, healthy)) in seen)
            Console.WriteLine($"{name,-14} {last.Snapshot.Urls.FirstOrDefault(u => !u.IsInternal)?.Url,-28} " +
                $"{last.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value,-8} {running,6:0.0} s {healthy,6:0.0} s");
    }
}
