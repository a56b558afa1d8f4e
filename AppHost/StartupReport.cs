using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intervention.AppHost;

/// <summary>
/// Says on the console when every resource is healthy, how long it took from the AppHost's start, and a table of names,
/// URLs and pids: what ops and scripts wait for (the dashboard shows the same live).
/// </summary>
internal static class StartupReport
{
    public static void AddStartupReport(this IDistributedApplicationBuilder builder) => builder.Services.AddHostedService<Reporter>();

    private sealed class Reporter(DistributedApplicationModel model, ResourceNotificationService notifications) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stop)
        {
            var resources = model.Resources.Where(r => r is ProjectResource || (r is ExecutableResource && r.Annotations.OfType<HealthCheckAnnotation>().Any()));
            try
            {
                var snapshots = await Task.WhenAll(resources.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stop)));
                var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;
                Console.WriteLine($"all healthy in {elapsed.TotalSeconds:0.0} s");
                Console.WriteLine($"{"name",-14} {"url",-28} {"pid",-8} state");
                foreach (var e in snapshots)
                    Console.WriteLine($"{e.Resource.Name,-14} {e.Snapshot.Urls.FirstOrDefault(u => !u.IsInternal)?.Url,-28} " +
                        $"{e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value,-8} {e.Snapshot.HealthStatus}");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
    }
}
