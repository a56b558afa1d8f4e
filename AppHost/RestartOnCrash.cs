using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intervention.AppHost;

/// <summary>
/// DCP leaves a crashed executable exited, so a marked resource that crashes (straight from Running to a terminal state
/// with a non-zero exit code) is started again with back-off: 1 s doubling to 30 s, reset after a minute up. A stop
/// asked for from the dashboard passes through Stopping and is left alone.
/// </summary>
internal static class RestartOnCrash
{
    private sealed class Marker : IResourceAnnotation;

    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        resource.ApplicationBuilder.Services.AddHostedService<Restarter>(); // registered once however often it is asked for
        return resource.WithAnnotation(new Marker());
    }

    private sealed class Restarter(ResourceNotificationService notifications, ResourceCommandService commands, ILogger<Restarter> log) : BackgroundService
    {
        private readonly Dictionary<string, (string? State, TimeSpan Delay, DateTime Since)> _seen = [];

        protected override async Task ExecuteAsync(CancellationToken stop)
        {
            try
            {
                await foreach (var e in notifications.WatchAsync(stop))
                {
                    if (!e.Resource.Annotations.OfType<Marker>().Any()) continue;
                    var (previous, delay, since) = _seen.GetValueOrDefault(e.ResourceId, (null, TimeSpan.FromSeconds(1), DateTime.UtcNow));
                    var state = e.Snapshot.State?.Text;
                    if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running) since = DateTime.UtcNow;
                    var crashed = previous == KnownResourceStates.Running && KnownResourceStates.TerminalStates.Contains(state)
                        && e.Snapshot.ExitCode is not (null or 0);
                    if (crashed)
                    {
                        if (DateTime.UtcNow - since > TimeSpan.FromMinutes(1)) delay = TimeSpan.FromSeconds(1);
                        log.LogWarning("{Resource} exited with code {ExitCode}; restarting in {Delay} s", e.ResourceId, e.Snapshot.ExitCode,
                            delay.TotalSeconds);
                        _ = RestartAsync(e.ResourceId, delay, stop);
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                    }
                    _seen[e.ResourceId] = (state, delay, since);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }

        private async Task RestartAsync(string resource, TimeSpan delay, CancellationToken stop)
        {
            try
            {
                await Task.Delay(delay, stop);
                var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stop);
                if (!result.Success) log.LogError("{Resource} could not be restarted: {Error}", resource, result.Message);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
    }
}
