using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intervention.AppHost;

/// <summary>Marks a resource that is started again when it exits with a failure (DCP leaves an exited executable exited).</summary>
internal sealed class RestartOnCrashAnnotation : IResourceAnnotation;

internal static class RestartOnCrash
{
    /// <summary>
    /// A crash (a non-zero exit, or a kill, straight from Running) restarts the resource with back-off: 1 s doubling to 30 s,
    /// reset after a minute up. A stop asked for from the dashboard passes through Stopping and is left alone.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        if (!resource.ApplicationBuilder.Resources.OfType<IResource>().Any(r => r.Annotations.OfType<RestartOnCrashAnnotation>().Any()))
            resource.ApplicationBuilder.Services.AddHostedService<CrashRestarter>();
        return resource.WithAnnotation(new RestartOnCrashAnnotation());
    }

    private sealed class CrashRestarter(ResourceNotificationService notifications, ResourceCommandService commands, ILogger<CrashRestarter> log) : BackgroundService
    {
        private sealed class Crashes
        {
            public TimeSpan Delay = TimeSpan.FromSeconds(1);
            public DateTime RunningSince = DateTime.UtcNow;
            public bool Restarting;
            public string? LastState;
        }

        private readonly Dictionary<string, Crashes> _state = [];

        protected override async Task ExecuteAsync(CancellationToken stop)
        {
            try
            {
                await foreach (var e in notifications.WatchAsync(stop))
                {
                    if (!e.Resource.Annotations.OfType<RestartOnCrashAnnotation>().Any()) continue;
                    var name = e.ResourceId;
                    if (!_state.TryGetValue(name, out var state)) _state[name] = state = new Crashes();
                    var snapshot = e.Snapshot;
                    if (snapshot.State?.Text == KnownResourceStates.Running && state.Restarting)
                    {
                        state.Restarting = false;
                        state.RunningSince = DateTime.UtcNow;
                    }
                    var previous = state.LastState;
                    state.LastState = snapshot.State?.Text;
                    // A stop asked for (dashboard, resource command) passes through Stopping; a crash goes straight to Finished.
                    var crashed = KnownResourceStates.TerminalStates.Contains(snapshot.State?.Text) && previous == KnownResourceStates.Running && snapshot.ExitCode is not (null or 0);
                    if (!crashed || state.Restarting) continue;

                    var delay = DateTime.UtcNow - state.RunningSince > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : state.Delay;
                    state.Delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                    state.Restarting = true;
                    log.LogWarning("{Resource} exited with code {ExitCode}; restarting in {Delay} s", name, snapshot.ExitCode, delay.TotalSeconds);
                    _ = RestartAsync(e.Resource, name, delay, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        private async Task RestartAsync(IResource resource, string name, TimeSpan delay, CancellationToken stop)
        {
            try
            {
                await Task.Delay(delay, stop);
                var result = await commands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, stop);
                if (!result.Success) log.LogError("{Resource} could not be restarted: {Error}", resource.Name, result.Message);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }
}
