using System.Reflection;
using Intervention.AppHost;
using Intervention.ServiceDefaults.Security;

// The one definition of the system's topology: `dotnet run --project AppHost` (./run), the functional tests and the
// benchmarks (Aspire.Hosting.Testing) all start this model.
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.Read(builder.Configuration, builder.AppHostDirectory);
var tokens = DevelopmentTokens.ForRun(builder.Configuration);
var servers = Servers.Add(builder, settings, tokens.SigningKey);
var configuration = typeof(AppHostSettings).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

// DCP starts a project with `dotnet run --no-build`: an MSBuild evaluation, ~2 s of CPU per project, six at once on two cores. The
// AppHost's build built them, so each starts from that output in its own folder as `dotnet run` would (when built in this configuration):
// in Release, the ReadyToRun images beside it (Directory.Build.targets).
IResourceBuilder<ProjectResource> Project<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var project = builder.AddProject<TProject>(name).WithEnvironment(context => tokens.AddTo(context.EnvironmentVariables)).WithRestartOnCrash();
    var path = project.Resource.GetProjectMetadata().ProjectPath;
    var bin = Path.Combine(Path.GetDirectoryName(path)!, "bin", configuration, $"net{Environment.Version.Major}.{Environment.Version.Minor}");
    var output = new[] { Path.Combine(bin, System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "ready-to-run"), bin }
        .Select(folder => Path.Combine(folder, Path.GetFileNameWithoutExtension(path))).FirstOrDefault(File.Exists);
    return output is null ? project : project.WithAnnotation(new ExecutableAnnotation { Command = output, WorkingDirectory = Path.GetDirectoryName(path)! });
}

// Replicas share one address only through DCP's proxy, which spreads connections over them; one instance listens itself, as it always has.
IResourceBuilder<ProjectResource> Service<TProject>(string name) where TProject : IProjectMetadata, new() => servers.Connect(Project<TProject>(name), name)
    .WithHttpEndpoint(isProxied: settings.Replicas > 1).WithReplicas(settings.Replicas).WithHttpHealthCheck("/health");

var services = new[]
{
    Service<Projects.Governance_API>("governance"),
    Service<Projects.Licensing_API>("licensing"),
    Service<Projects.Children_API>("children"),
    Service<Projects.Finance_API>("finance"),
    // Development: a webhook may go to a receiver on this machine over plain http.
    Service<Projects.Integrations_API>("integrations").WithEnvironment("Integrations__AllowHttpLoopback", "true"),
};

var gateway = Project<Projects.Intervention_Gateway>("gateway")
    .WithHttpEndpoint(port: settings.GatewayPort, targetPort: settings.GatewayPort, isProxied: false).WithHttpHealthCheck("/alive");
// No WaitFor: YARP needs only the services' addresses, and a request to one still starting gets the gateway's 502 problem;
// waiting made the gateway's own start a step after the slowest service's in every start.
foreach (var service in services) gateway.WithReference(service);
// The portal, behind the gateway at /, calls the APIs through the gateway as everyone does; the gateway does not wait for it.
gateway.WithReference(Project<Projects.Intervention_Portal>("portal").WithHttpEndpoint(isProxied: false).WithHttpHealthCheck("/alive").WithReference(gateway));

builder.AddDevelopmentFiles(settings, tokens).AddStartupReport();
builder.Build().Run();
