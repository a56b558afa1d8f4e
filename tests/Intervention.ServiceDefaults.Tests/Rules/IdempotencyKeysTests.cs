namespace Intervention.ServiceDefaults.Tests.Rules;

using System.Text;
using Intervention.ServiceDefaults.Idempotency;
using Microsoft.Extensions.Primitives;

/// <summary>
/// The Idempotency-Key rules (IETF httpapi draft): which header values are keys, whose and which route's key it is, and what a
/// request carrying a key already seen gets — the first answer again, a 422, a 409, or a fresh run once the key has expired.
/// </summary>
public class IdempotencyKeysTests
{
    private static readonly DateTimeOffset Now = new(2016, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = IdempotencyRules.Fingerprint("", Encoding.UTF8.GetBytes("""{"name":"A Driver"}"""));
    private static readonly byte[] OtherBody = IdempotencyRules.Fingerprint("", Encoding.UTF8.GetBytes("""{"name":"Another Driver"}"""));
    private static readonly StoredAnswer Created = new(201, "application/json; charset=utf-8", "/api/drivers/1", Encoding.UTF8.GetBytes("""{"licenceReference":"PH-000001"}"""));

    [Fact]
    public void A_key_never_seen_runs_the_request()
    {
        Assert.Equal(IdempotencyOutcome.Run, IdempotencyRules.Decide(null, Body, Now));
    }

    [Fact]
    public void The_same_key_and_body_after_the_first_answered_gets_that_answer_again()
    {
        var earlier = new StoredRequest(Body, Now.AddHours(23), Created);

        Assert.Equal(IdempotencyOutcome.Replay, IdempotencyRules.Decide(earlier, Body, Now));
    }

    [Fact]
    public void The_same_key_with_another_body_is_refused_as_reused()
    {
        var earlier = new StoredRequest(Body, Now.AddHours(23), Created);

        Assert.Equal(IdempotencyOutcome.ReusedForAnotherRequest, IdempotencyRules.Decide(earlier, OtherBody, Now));
    }

    [Fact]
    public void The_same_key_with_another_query_is_another_request()
    {
        var first = IdempotencyRules.Fingerprint("?asAt=2018-03-31", []);
        var second = IdempotencyRules.Fingerprint("?asAt=2017-03-31", []);
        var earlier = new StoredRequest(first, Now.AddHours(23), Created);

        Assert.Equal(IdempotencyOutcome.ReusedForAnotherRequest, IdempotencyRules.Decide(earlier, second, Now));
    }

    [Fact]
    public void A_retry_while_the_first_is_still_running_is_told_so()
    {
        var running = new StoredRequest(Body, Now.AddHours(24), Answer: null);

        Assert.Equal(IdempotencyOutcome.StillRunning, IdempotencyRules.Decide(running, Body, Now.AddSeconds(2)));
    }

    [Fact]
    public void Another_body_while_the_first_is_running_is_still_a_reused_key()
    {
        var running = new StoredRequest(Body, Now.AddHours(24), Answer: null);

        Assert.Equal(IdempotencyOutcome.ReusedForAnotherRequest, IdempotencyRules.Decide(running, OtherBody, Now));
    }

    [Fact]
    public void A_key_kept_24_hours_expires_and_the_request_runs_again_whatever_the_body()
    {
        var earlier = new StoredRequest(Body, IdempotencyRules.ExpiresAt(Now), Created);

        Assert.Equal(Now.AddHours(24), IdempotencyRules.ExpiresAt(Now));
        Assert.Equal(IdempotencyOutcome.Replay, IdempotencyRules.Decide(earlier, Body, Now.AddHours(24).AddTicks(-1)));
        Assert.Equal(IdempotencyOutcome.Run, IdempotencyRules.Decide(earlier, Body, Now.AddHours(24)));
        Assert.Equal(IdempotencyOutcome.Run, IdempotencyRules.Decide(earlier, OtherBody, Now.AddHours(25)));
    }

    [Fact]
    public void A_key_is_the_callers_own_and_the_routes_own()
    {
        var mine = IdempotencyRules.ScopeOf("licensing-officer-1", "POST", "/api/drivers", "k-1");

        Assert.Equal(mine, IdempotencyRules.ScopeOf("licensing-officer-1", "POST", "/api/drivers", "k-1"));
        Assert.NotEqual(mine, IdempotencyRules.ScopeOf("licensing-officer-2", "POST", "/api/drivers", "k-1"));
        Assert.NotEqual(mine, IdempotencyRules.ScopeOf("licensing-officer-1", "POST", "/api/hearings", "k-1"));
        Assert.NotEqual(mine, IdempotencyRules.ScopeOf("licensing-officer-1", "POST", "/api/drivers", "k-2"));
        // The parts cannot run into each other: ("a", "b/c") is not ("a/b", "c").
        Assert.NotEqual(IdempotencyRules.ScopeOf("a", "POST", "/b", "c"), IdempotencyRules.ScopeOf("a", "POST/", "b", "c"));
    }

    [Fact]
    public void Only_answers_the_service_gave_are_kept_not_its_failures()
    {
        Assert.True(IdempotencyRules.Keeps(201));
        Assert.True(IdempotencyRules.Keeps(400));
        Assert.True(IdempotencyRules.Keeps(409));
        Assert.False(IdempotencyRules.Keeps(500));
        Assert.False(IdempotencyRules.Keeps(503));
    }

    [Theory]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")] // the draft's form: a structured-field string
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]   // the bare form most clients send
    [InlineData("\"with \\\"quotes\\\" and \\\\\"", "with \"quotes\" and \\")]
    public void A_key_is_read_in_the_drafts_form_or_bare(string header, string key)
    {
        var reading = IdempotencyKeyHeader.Read(new StringValues(header));

        Assert.Null(reading.Error);
        Assert.Equal(key, reading.Key);
    }

    [Fact]
    public void No_header_means_no_key_and_no_error()
    {
        var reading = IdempotencyKeyHeader.Read(StringValues.Empty);

        Assert.Null(reading.Key);
        Assert.Null(reading.Error);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("\"\"", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("\"unterminated", "must be a string")]
    [InlineData("\"bad \\n escape\"", "must be a string")]
    [InlineData("not\u0001printable", "printable ASCII")]
    [InlineData("\"a\", \"b\"", "must be a string")] // two keys folded into one line
    public void A_value_that_is_not_a_key_is_refused_with_the_rule(string header, string rule)
    {
        var reading = IdempotencyKeyHeader.Read(new StringValues(header));

        Assert.Null(reading.Key);
        Assert.Contains(rule, reading.Error);
    }

    [Fact]
    public void A_key_of_255_characters_is_taken_and_one_of_256_refused()
    {
        Assert.Null(IdempotencyKeyHeader.Read(new StringValues(new string('k', 255))).Error);
        Assert.Contains("at most 255 characters", IdempotencyKeyHeader.Read(new StringValues(new string('k', 256))).Error);
    }

    [Fact]
    public void Two_keys_on_one_request_are_refused()
    {
        var reading = IdempotencyKeyHeader.Read(new StringValues(["\"a\"", "\"b\""]));

        Assert.Contains("one key, sent once", reading.Error);
    }
}
