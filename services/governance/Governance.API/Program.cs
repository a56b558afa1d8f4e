using Governance.API;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("governance");
builder.AddGovernance();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGovernance();
app.Run();
