using System.Globalization;
using System.Reflection;
using Refit;

namespace Intervention.Contracts.Http;

/// <summary>
/// Builds the Refit clients of the portfolio APIs (<see cref="Governance.Http.IGovernanceApi"/>,
/// <see cref="Licensing.Http.ILicensingApi"/>, <see cref="Children.Http.IChildrenApi"/>, <see cref="Finance.Http.IFinanceApi"/>,
/// <see cref="Integrations.Http.IIntegrationsApi"/>) with the contract's wire format: bodies through
/// <see cref="ContractJson.Options"/>, and dates (<c>yyyy-MM-dd</c>) and instants (ISO 8601 in UTC) in paths and queries
/// as the services parse them.
/// </summary>
/// <remarks>
/// <para>
/// Every route in those interfaces is <b>gateway-relative</b> (<c>/licensing/api/drivers</c>): give the client the gateway's
/// address (<c>http://localhost:5080/</c>). The gateway takes the portfolio segment off before the service sees the request,
/// so one interface reaches every portfolio through the one public entry point, as the seeds and integrators do.
/// </para>
/// <para>
/// A method returning <c>Task&lt;T&gt;</c> throws Refit's <see cref="ApiException"/> on any status other than 2xx (its
/// <see cref="ApiException.Content"/> holds the problem details). A method returning <c>Task&lt;IApiResponse&lt;T&gt;&gt;</c>
/// never throws for a status: it is used where the status itself answers something (201 recorded or 200 already recorded).
/// Authentication (the bearer token) belongs to the <see cref="HttpClient"/>'s handlers.
/// </para>
/// <para>In a host with dependency injection: <c>services.AddRefitClient&lt;ILicensingApi&gt;(InterventionApis.CreateSettings())</c>
/// with the gateway's base address (Refit.HttpClientFactory).</para>
/// </remarks>
public static class InterventionApis
{
    /// <summary>A client of <typeparamref name="TApi"/> over <paramref name="gateway"/>, whose base address is the gateway's.</summary>
    public static TApi For<TApi>(HttpClient gateway) => RestService.For<TApi>(gateway, CreateSettings());

    /// <summary>Refit settings with the contract's JSON and URL conventions (a new instance: callers may adjust it).</summary>
    public static RefitSettings CreateSettings() => new(new SystemTextJsonContentSerializer(ContractJson.Options), new ContractUrlParameters());

    /// <summary>Dates and instants in paths and queries as the services read them; anything else as Refit formats it.</summary>
    private sealed class ContractUrlParameters : IUrlParameterFormatter
    {
        private readonly DefaultUrlParameterFormatter _default = new();

        public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) => value switch
        {
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            _ => _default.Format(value, attributeProvider, type),
        };
    }
}
