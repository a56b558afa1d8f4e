using System.Security.Claims;
using Governance.API.Decisions;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Intervention.ServiceDefaults.Security;

namespace Governance.Tests.Decisions;

/// <summary>Integrators read the register without a child's or a licence's reference (issue 15); the team reads it as recorded.</summary>
public class DecisionSummariesTests
{
    private static DecisionDetail Decision(string summary) => new()
    {
        Id = Guid.NewGuid(), SourceService = "children", Function = "childrens-social-care", DecidedAt = DateTimeOffset.Parse("2026-11-01T00:00:00Z"),
        Authority = Authority.Commissioners, DeciderName = "Commissioner", Summary = summary, KeyDecision = true, CallIn = false,
        RecordedAt = DateTimeOffset.Parse("2026-11-01T09:00:00Z"), Status = DecisionStatus.Valid,
    };

    [Theory]
    [InlineData("Out-of-authority residential placement (K2, PR4, LS6) for child CR-72CD0A1B2C3D4E5F6A7B from 2026-11-01")]
    [InlineData("Revocation of licence PH-000123 on Safeguarding grounds, effective 2016-06-15")]
    [InlineData("Suspension of licence HC-004567")]
    public void A_summary_naming_a_child_or_a_licence_is_withheld_from_integrators(string summary)
    {
        Assert.Equal(DecisionSummaries.Withheld, DecisionSummaries.ForOutsiders(Decision(summary)).Summary);
    }

    [Fact]
    public void A_summary_naming_no_one_is_shown_as_recorded()
    {
        var decision = Decision("Out-of-authority residential placement (K2, PR4, LS6) from 2026-11-01, weekly cost band £3500-3999");
        Assert.Same(decision, DecisionSummaries.ForOutsiders(decision));
    }

    [Theory]
    [InlineData("integrator", true)]
    [InlineData("governance", false)]
    [InlineData("commissioner", false)]
    public void Only_a_caller_without_the_team_s_or_a_Commissioner_s_role_reads_as_an_outsider(string role, bool outsider)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", role)], "test", "sub", "roles"));
        Assert.Equal(outsider, user.IsOutsider(Portfolio.Governance));
    }
}
