using System.Security.Cryptography;
using System.Text;
using Integrations.API.Deliveries;

namespace Integrations.Tests;

/// <summary>Deliveries are signed as the Standard Webhooks specification says, so its libraries verify them.</summary>
public class WebhookSignatureTests
{
    // The example of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks, libraries' tests).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecBody = """{"test": 2432232314}""";

    [Fact]
    public void The_signature_of_the_specifications_example_is_the_one_its_libraries_expect()
    {
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody));
    }

    [Fact]
    public void The_signature_is_HMAC_SHA256_of_id_dot_timestamp_dot_body_keyed_with_the_secrets_bytes()
    {
        var secret = WebhookSignature.NewSecret();
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("d-1.1700000000.{\"a\":1}")));
        Assert.Equal(expected, WebhookSignature.Sign(secret, "d-1", 1700000000, "{\"a\":1}"));
    }

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes_and_no_two_are_alike()
    {
        var one = WebhookSignature.NewSecret();
        Assert.StartsWith("whsec_", one);
        Assert.Equal(32, Convert.FromBase64String(one[6..]).Length);
        Assert.NotEqual(one, WebhookSignature.NewSecret());
    }

    [Fact]
    public void A_receiver_accepts_the_signature_and_refuses_a_changed_body_id_or_timestamp_another_secret_or_a_stale_timestamp()
    {
        var secret = WebhookSignature.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var ts = now.ToUnixTimeSeconds();
        var header = WebhookSignature.Sign(secret, "d-1", ts, "{\"a\":1}");
        var fiveMinutes = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify(secret, "d-1", ts, "{\"a\":1}", header, now, fiveMinutes));
        Assert.True(WebhookSignature.Verify(secret, "d-1", ts, "{\"a\":1}", "v1,bm90LWl0 " + header, now, fiveMinutes)); // one of several
        Assert.False(WebhookSignature.Verify(secret, "d-1", ts, "{\"a\":2}", header, now, fiveMinutes));
        Assert.False(WebhookSignature.Verify(secret, "d-2", ts, "{\"a\":1}", header, now, fiveMinutes));
        Assert.False(WebhookSignature.Verify(secret, "d-1", ts + 1, "{\"a\":1}", header, now, fiveMinutes));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), "d-1", ts, "{\"a\":1}", header, now, fiveMinutes));
        Assert.False(WebhookSignature.Verify(secret, "d-1", ts, "{\"a\":1}", header, now.AddMinutes(6), fiveMinutes));
    }
}
