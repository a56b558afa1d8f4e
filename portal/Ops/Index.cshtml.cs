using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Intervention.Portal.Ops;

/// <summary><c>/ops</c>: the link to the Aspire dashboard and the health of every service, as the gateway finds it now.</summary>
public sealed class IndexModel(ServiceHealth health, IOptions<OpsOptions> options) : PageModel
{
    private readonly OpsOptions _options = options.Value;

    public Uri Dashboard => _options.Dashboard;
    public IReadOnlyList<ServiceStatus>? Services { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Services = await health.ReadAsync(ct);
}
