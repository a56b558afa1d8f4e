using Licensing.API;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("licensing");
builder.AddLicensing();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApi().MapLicensing();
app.Run();
