using Intervention.Contracts.Governance;
using Microsoft.Extensions.Hosting;

namespace Intervention.ServiceDefaults;

/// <summary>
/// Which portfolio service this process is: it names the queues (<c>&lt;service&gt;-&lt;event&gt;</c>),
/// the database connection (<c>&lt;service&gt;db</c>), the telemetry, and the functions it owns.
/// The gateway is a service with no portfolio.
/// </summary>
public sealed record ServiceIdentity(string Name, Portfolio? Portfolio)
{
    public string DatabaseConnectionName => Name + "db";

    /// <summary>Governance keeps the whole register of functions; every other service keeps its own functions only.</summary>
    public bool KeepsWholeRegister => Portfolio == Contracts.Governance.Portfolio.Governance;

    /// <summary>The portfolio, for the code that only a portfolio service runs.</summary>
    public Portfolio OwnPortfolio => Portfolio ?? throw new InvalidOperationException($"{Name} is not a portfolio service: it owns no functions.");
}

public static class ServiceIdentityExtensions
{
    /// <summary>The identity given to <c>AddServiceDefaults</c>.</summary>
    public static ServiceIdentity ServiceIdentity(this IHostApplicationBuilder builder) =>
        builder.Properties.TryGetValue(typeof(ServiceIdentity), out var value) && value is ServiceIdentity identity
            ? identity
            : throw new InvalidOperationException("Call AddServiceDefaults(name) before registering the service's database or messaging.");
}
