using Children.API;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("children");
builder.AddChildren();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApi().MapChildren();
app.Run();
