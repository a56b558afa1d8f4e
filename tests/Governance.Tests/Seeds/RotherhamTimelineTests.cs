using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Seeds;
using Intervention.Seeds.Rotherham;
using Intervention.ServiceDefaults.Authority;

namespace Governance.Tests.Seeds;

/// <summary>The seeded timeline says what the Commissioners' reports say, read with the same rule the services use.</summary>
public sealed class RotherhamTimelineTests
{
    private static readonly List<AuthorityAssignment> Register = GovernanceTimeline.All
        .SelectMany(d => d.Request.Assignments!.Select(a => new AuthorityAssignment
        {
            DirectionsId = Guid.NewGuid(), Function = a.Function, Authority = a.Authority, Oversight = a.Oversight,
            EffectiveFrom = d.Request.EffectiveFrom!.Value, RecordedAt = d.Request.EffectiveFrom!.Value,
        }))
        .ToList();

    private static AuthorityAssignment? Holder(string function, string at) => DirectionsInForce.HolderOf(Register, function, DateTimeOffset.Parse(at));

    [Fact]
    public void Licensing_was_the_Commissioners_in_June_2016_and_the_Councils_with_advice_in_January_2017()
    {
        Assert.Equal(Authority.Commissioners, Holder("licensing", "2016-06-01T12:00:00Z")!.Authority);
        Assert.Equal((Authority.Council, Oversight.Advice), (Holder("licensing", "2017-01-15T12:00:00Z")!.Authority, Holder("licensing", "2017-01-15T12:00:00Z")!.Oversight));
    }

    [Fact]
    public void By_October_2017_only_childrens_social_care_and_statutory_officer_appointments_remain_with_the_Commissioners()
    {
        var held = CouncilFunctions.All.Where(f => Holder(f.Code, "2017-10-01T00:00:00Z")?.Authority == Authority.Commissioners).Select(f => f.Code);
        Assert.Equal(["childrens-social-care", "statutory-officer-appointments"], held.Order());
        Assert.Equal(Oversight.Veto, Holder("adult-social-care", "2017-10-01T00:00:00Z")!.Oversight);
    }

    [Fact]
    public void Every_function_was_the_Commissioners_from_26_February_2015_and_none_is_after_September_2018()
    {
        Assert.All(CouncilFunctions.All, f => Assert.Equal(Authority.Commissioners, Holder(f.Code, "2015-02-26T00:00:00Z")!.Authority));
        Assert.DoesNotContain(CouncilFunctions.All, f => Holder(f.Code, "2018-10-01T00:00:00Z")!.Authority == Authority.Commissioners);
    }

    [Fact]
    public void Seed_Directions_already_in_the_register_are_recognised_and_others_are_not()
    {
        var seed = GovernanceTimeline.All[2].Request;
        var same = new DirectionsDetail
        {
            Id = Guid.NewGuid(), IssuedOn = seed.IssuedOn!.Value, IssuedBy = seed.IssuedBy!, EffectiveFrom = seed.EffectiveFrom!.Value,
            RecordedAt = DateTimeOffset.UtcNow, Assignments = seed.Assignments!.ToList(),
        };
        var moved = same with { EffectiveFrom = seed.EffectiveFrom!.Value.AddDays(-1) };

        Assert.True(GovernanceTimeline.AlreadyRecorded(seed, [same]));
        Assert.False(GovernanceTimeline.AlreadyRecorded(seed, [moved]));
    }

    [Theory]
    [InlineData(new string[0], null, "http://localhost:5080/")]
    [InlineData(new[] { "--gateway", "http://127.0.0.1:6000" }, null, "http://127.0.0.1:6000/")]
    [InlineData(new[] { "--gateway=http://gw.example/" }, null, "http://gw.example/")]
    [InlineData(new string[0], "http://from-env:81", "http://from-env:81/")]
    public void The_gateway_comes_from_the_argument_the_environment_or_the_default(string[] args, string? environment, string expected)
    {
        Assert.Equal(new Uri(expected), SeedArguments.Parse(args, environment)!.Gateway);
    }

    [Theory]
    [InlineData("--gateway", "ftp://x")]
    [InlineData("--unknown", "x")]
    [InlineData("--only", "housing")]
    [InlineData("--drivers", "-1")]
    [InlineData("--drivers", "many")]
    public void A_bad_argument_is_refused(string name, string value)
    {
        Assert.Null(SeedArguments.Parse([name, value], null));
    }

    [Fact]
    public void Only_the_portfolios_named_are_loaded_and_the_driver_count_can_be_set()
    {
        var options = SeedArguments.Parse(["--only", "governance", "--drivers=50"], null)!;
        Assert.True(options.Loads("governance"));
        Assert.False(options.Loads("licensing"));
        Assert.Equal(50, options.Drivers);
        Assert.Equal(1200, SeedArguments.Parse([], null)!.Drivers);
    }
}
