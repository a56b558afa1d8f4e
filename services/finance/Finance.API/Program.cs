using Finance.API;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("finance");
builder.AddFinance();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApi().MapFinance();
app.Run();
