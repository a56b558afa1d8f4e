using Licensing.API;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("licensing");
builder.AddLicensing();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLicensing();
app.Run();
