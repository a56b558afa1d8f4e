using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Intervention.AppHost;

/// <summary>Two things that cost a cold start most of its time on a 2-core machine (bench/platform coldstart).</summary>
internal static class QuickStart
{
    /// <summary>
    /// DCP starts a project with <c>dotnet run --no-build</c>, which evaluates the project with MSBuild first: about 2 s of
    /// CPU per service, all at the same moment. The AppHost's build has built them, so they start from that output (as
    /// <c>dotnet run</c> would, in the project's folder); a project not built in this configuration keeps <c>dotnet run</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> FromBuildOutput(this IResourceBuilder<ProjectResource> project)
    {
        var path = project.Resource.GetProjectMetadata().ProjectPath;
        var assembly = typeof(QuickStart).Assembly;
        var framework = new FrameworkName(assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName);
        var output = Path.Combine(Path.GetDirectoryName(path)!, "bin", assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration,
            $"net{framework.Version.Major}.{framework.Version.Minor}", Path.GetFileNameWithoutExtension(path));
        return File.Exists(output) ? project.WithAnnotation(new ExecutableAnnotation { Command = output, WorkingDirectory = Path.GetDirectoryName(path)! }) : project;
    }

    /// <summary>
    /// Aspire checks an unhealthy resource again after 1, 2, 3, 4 and then every 5 s, so a service that becomes healthy
    /// just after a check is seen up to 5 s late, and whatever waits for it starts that much later. Every check here
    /// tries again every 200 ms for up to 5 s before it reports the resource unhealthy.
    /// </summary>
    public static void AddPromptHealthChecks(this IDistributedApplicationBuilder builder) =>
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var (factory, timeout) = (registration.Factory, registration.Timeout);
                registration.Factory = services => new Prompt(factory(services), timeout);
                registration.Timeout = Timeout.InfiniteTimeSpan;
            }
        });

    private sealed class Prompt(IHealthCheck check, TimeSpan timeout) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var until = DateTime.UtcNow.AddSeconds(5);
            while (true)
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (timeout != Timeout.InfiniteTimeSpan) attempt.CancelAfter(timeout);
                HealthCheckResult result;
                try { result = await check.CheckHealthAsync(context, attempt.Token); }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested) { result = new(context.Registration.FailureStatus, e.Message, e); }
                if (result.Status == HealthStatus.Healthy || DateTime.UtcNow >= until) return result;
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
