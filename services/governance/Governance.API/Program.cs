using Governance.API;
using Intervention.ServiceDefaults;
using Intervention.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("governance");
builder.AddGovernance();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApi().MapGovernance();
app.Run();
