using Intervention.Portal.SignIn;
using Microsoft.Extensions.Configuration;

namespace Portal.Tests.SignIn;

/// <summary>Which sign-in the portal runs with: the council's provider when configured, the development page only where just the development key is.</summary>
public sealed class SignInModeTests
{
    private static IConfiguration With(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void A_configured_identity_provider_is_used_even_where_a_development_key_is_also_set() =>
        Assert.Equal(SignInMode.OpenIdConnect, PortalSignIn.ModeFrom(With(("Portal:OpenIdConnect:Authority", "https://login.council.example/tenant/v2.0"),
            ("Portal:OpenIdConnect:ClientId", "portal"), ("Auth:SigningKey", PortalHost.SigningKey))));

    [Fact]
    public void Only_the_development_key_gives_the_development_sign_in_page() =>
        Assert.Equal(SignInMode.Development, PortalSignIn.ModeFrom(With(("Auth:SigningKey", PortalHost.SigningKey))));

    [Fact]
    public void A_provider_without_a_client_id_is_named_and_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PortalSignIn.ModeFrom(With(("Portal:OpenIdConnect:Authority", "https://login.council.example/"))));
        Assert.Contains("Portal:OpenIdConnect:ClientId", e.Message);
    }

    [Fact]
    public void Without_a_provider_or_a_key_the_portal_refuses_to_start_rather_than_run_open()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PortalSignIn.ModeFrom(With()));
        Assert.Contains("Portal__OpenIdConnect__Authority", e.Message);
    }
}
