using Intervention.Portal;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("portal");
builder.AddPortal();

var app = builder.Build();
app.UsePortalFront();
app.MapDefaultEndpoints();
app.MapPortal();
app.Run();

/// <summary>The portal's entry point, named for the tests' WebApplicationFactory.</summary>
public partial class Program;
