using Intervention.AppHost;

// The one definition of the system's topology: `dotnet run --project AppHost` (./run), the functional tests and the
// benchmarks (Aspire.Hosting.Testing) all start this model.
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.Read(builder.Configuration, builder.AppHostDirectory);
var tokens = DevelopmentTokens.ForRun(builder.Configuration);
var servers = Servers.Add(builder, settings, tokens.SigningKey);

IResourceBuilder<ProjectResource> Service<TProject>(string name) where TProject : IProjectMetadata, new() =>
    servers.Connect(builder.AddProject<TProject>(name).FromBuildOutput(), name)
        .WithHttpEndpoint(isProxied: false)
        .WithHttpHealthCheck("/health")
        .WithEnvironment(context => tokens.AddTo(context.EnvironmentVariables))
        .WithRestartOnCrash();

var services = new[]
{
    Service<Projects.Governance_API>("governance"),
    Service<Projects.Licensing_API>("licensing"),
    Service<Projects.Children_API>("children"),
    Service<Projects.Finance_API>("finance"),
    // Development: a webhook may go to a receiver on this machine over plain http.
    Service<Projects.Integrations_API>("integrations").WithEnvironment("Integrations__AllowHttpLoopback", "true"),
};

var gateway = builder.AddProject<Projects.Intervention_Gateway>("gateway").FromBuildOutput()
    .WithHttpEndpoint(port: settings.GatewayPort, targetPort: settings.GatewayPort, isProxied: false)
    .WithHttpHealthCheck("/alive")
    .WithEnvironment(context => tokens.AddTo(context.EnvironmentVariables))
    .WithRestartOnCrash();
foreach (var service in services) gateway.WithReference(service).WaitFor(service);

builder.AddPromptHealthChecks();
builder.AddDevelopmentFiles(settings, tokens).AddStartupReport();
builder.Build().Run();
