using Intervention.Contracts.Finance.Http;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.SignIn;

namespace Portal.Tests.Gateway;

/// <summary>The API clients the pages are given can be made (a page that cannot get one fails with a 500).</summary>
public sealed class PortalApisTests
{
    [Fact]
    public void Every_portfolio_client_the_pages_use_is_made_with_the_contracts_generated_Refit_clients()
    {
        using var host = PortalHost.Development();
        using var scope = host.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IGovernanceApi>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IFinanceApi>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ILicensingApi>());
    }
}
