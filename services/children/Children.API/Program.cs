using Children.API;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("children");
builder.AddChildren();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapChildren();
app.Run();
