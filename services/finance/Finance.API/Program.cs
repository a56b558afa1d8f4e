using Finance.API;
using Intervention.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("finance");
builder.AddFinance();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapFinance();
app.Run();
