using Licensing.API.Appeals;
using Licensing.API.Audits;
using Licensing.API.Drivers;
using Licensing.API.Hearings;
using Licensing.API.Infrastructure;
using Licensing.API.Licences;
using Licensing.API.Register;
using Licensing.API.Vehicles;
using Intervention.Directions;
using Intervention.ServiceDefaults.Data;
using Intervention.Messaging;
using Microsoft.Extensions.Options;

namespace Licensing.API;

public static class LicensingModule
{
    public static IHostApplicationBuilder AddLicensing(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LicensingDb>();
        builder.AddMessaging<LicensingDb>(bus => bus.AddDirectionsCopy());

        // The policies are plain classes; their numbers come from configuration (Licensing:*), defaults from DOMAIN.md.
        builder.Services.AddOptions<ConvictionPolicyOptions>().BindConfiguration(ConvictionPolicyOptions.Section);
        builder.Services.AddOptions<FitnessPolicyOptions>().BindConfiguration(FitnessPolicyOptions.Section);
        builder.Services.AddOptions<VehiclePolicyOptions>().BindConfiguration(VehiclePolicyOptions.Section);
        builder.Services.AddOptions<LicenceTermsOptions>().BindConfiguration(LicenceTermsOptions.Section);
        builder.Services.AddOptions<EffectDatesOptions>().BindConfiguration(EffectDatesOptions.Section);
        builder.Services.AddOptions<HearingPanelOptions>().BindConfiguration(HearingPanelOptions.Section);
        builder.Services.AddSingleton(services => new ConvictionPolicy(services.Options<ConvictionPolicyOptions>()));
        builder.Services.AddSingleton(services => new FitnessPolicy(services.Options<FitnessPolicyOptions>(), services.GetRequiredService<ConvictionPolicy>()));
        builder.Services.AddSingleton(services => new VehiclePolicy(services.Options<VehiclePolicyOptions>()));
        builder.Services.AddSingleton(services => new LicenceTerms(services.Options<LicenceTermsOptions>()));
        builder.Services.AddSingleton(services => new EffectDates(services.Options<EffectDatesOptions>()));
        builder.Services.AddSingleton(services => new HearingPanel(services.Options<HearingPanelOptions>()));

        builder.Services.AddOptions<AuditRunOptions>().BindConfiguration(AuditRunOptions.Section);
        builder.Services.AddSingleton<AuditQueue>();
        builder.Services.AddHostedService<AuditRun>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLicensing(this IEndpointRouteBuilder app)
    {
        app.MapAuthority();
        app.MapDrivers();
        app.MapLicences();
        app.MapVehiclesAndOperators();
        app.MapHearings();
        app.MapAppeals();
        app.MapRegister();
        app.MapAudits();
        return app;
    }

    /// <summary>The bound options a policy is made with (the policies take the values, so that tests make them with <c>new</c>).</summary>
    private static T Options<T>(this IServiceProvider services) where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
