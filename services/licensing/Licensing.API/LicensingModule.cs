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
        builder.Services.Configure<ConvictionPolicyOptions>(builder.Configuration.GetSection(ConvictionPolicyOptions.Section));
        builder.Services.Configure<FitnessPolicyOptions>(builder.Configuration.GetSection(FitnessPolicyOptions.Section));
        builder.Services.Configure<VehiclePolicyOptions>(builder.Configuration.GetSection(VehiclePolicyOptions.Section));
        builder.Services.Configure<LicenceTermsOptions>(builder.Configuration.GetSection(LicenceTermsOptions.Section));
        builder.Services.Configure<EffectDatesOptions>(builder.Configuration.GetSection(EffectDatesOptions.Section));
        builder.Services.Configure<HearingPanelOptions>(builder.Configuration.GetSection(HearingPanelOptions.Section));
        builder.Services.AddSingleton(sp => new ConvictionPolicy(sp.GetRequiredService<IOptions<ConvictionPolicyOptions>>().Value));
        builder.Services.AddSingleton(sp => new FitnessPolicy(sp.GetRequiredService<IOptions<FitnessPolicyOptions>>().Value, sp.GetRequiredService<ConvictionPolicy>()));
        builder.Services.AddSingleton(sp => new VehiclePolicy(sp.GetRequiredService<IOptions<VehiclePolicyOptions>>().Value));
        builder.Services.AddSingleton(sp => new LicenceTerms(sp.GetRequiredService<IOptions<LicenceTermsOptions>>().Value));
        builder.Services.AddSingleton(sp => new EffectDates(sp.GetRequiredService<IOptions<EffectDatesOptions>>().Value));
        builder.Services.AddSingleton(sp => new HearingPanel(sp.GetRequiredService<IOptions<HearingPanelOptions>>().Value));

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
}
