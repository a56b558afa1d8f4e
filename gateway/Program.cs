using Intervention.Gateway;
using Intervention.Gateway.Limits;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseGatewayHeaders();
app.MapDefaultEndpoints();
app.MapGateway();
app.Run();
