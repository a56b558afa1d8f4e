using Integrations.API;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("integrations");
builder.AddIntegrations();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIntegrations();
app.Run();
