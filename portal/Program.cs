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
