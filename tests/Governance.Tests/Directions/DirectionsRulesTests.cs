using Governance.API.Directions;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;

namespace Governance.Tests.Directions;

public class DirectionsRulesTests
{
    /// <summary>
    /// The first Rotherham Directions, as the register would receive them: issued 26 Feb 2015 by DCLG
    /// (with DfE for children's services), licensing to the Commissioners, the intervention to end 31 Mar 2019.
    /// </summary>
    private static readonly IssueDirectionsRequest February2015 = new()
    {
        IssuedOn = new DateOnly(2015, 2, 26),
        IssuedBy = ["DCLG", "DfE"],
        EffectiveFrom = new DateTimeOffset(2015, 2, 26, 0, 0, 0, TimeSpan.Zero),
        InterventionEndsOn = new DateOnly(2019, 3, 31),
        Assignments =
        [
            new FunctionAssignment { Function = "licensing", Authority = Authority.Commissioners, Oversight = Oversight.None },
        ],
    };

    private static FunctionAssignment Assign(string function, Authority authority = Authority.Commissioners, Oversight oversight = Oversight.None) =>
        new() { Function = function, Authority = authority, Oversight = oversight };

    /// <summary>The fields that break a rule, in order, so an assertion shows exactly which fields were named.</summary>
    private static string[] FieldsIn(IssueDirectionsRequest request) =>
        DirectionsRules.Validate(request).Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Directions_of_26_February_2015_giving_licensing_to_Commissioners_can_be_recorded()
    {
        Assert.Empty(DirectionsRules.Validate(February2015));
    }

    [Fact]
    public void Directions_without_an_issued_date_name_issuedOn()
    {
        // interventionEndsOn cannot be compared with a missing issuedOn: only issuedOn is named.
        Assert.Equal(["issuedOn"], FieldsIn(February2015 with { IssuedOn = null }));
    }

    [Fact]
    public void Directions_without_an_effective_instant_name_effectiveFrom()
    {
        Assert.Equal(["effectiveFrom"], FieldsIn(February2015 with { EffectiveFrom = null }));
    }

    [Fact]
    public void Directions_without_issuing_departments_name_issuedBy()
    {
        Assert.Equal(["issuedBy"], FieldsIn(February2015 with { IssuedBy = null }));
        Assert.Equal(["issuedBy"], FieldsIn(February2015 with { IssuedBy = [] }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_issuing_department_is_named_by_its_position(string blank)
    {
        var errors = DirectionsRules.Validate(February2015 with { IssuedBy = ["DCLG", blank] });

        Assert.Equal(["issuedBy[1]"], errors.Keys);
        Assert.Contains("must not be blank", errors["issuedBy[1]"]);
    }

    [Fact]
    public void A_blank_issuing_department_is_refused_when_it_is_the_only_one()
    {
        Assert.Equal(["issuedBy[0]"], FieldsIn(February2015 with { IssuedBy = [" "] }));
    }

    [Fact]
    public void Directions_assigning_no_function_name_assignments()
    {
        Assert.Equal(["assignments"], FieldsIn(February2015 with { Assignments = null }));
        Assert.Equal(["assignments"], FieldsIn(February2015 with { Assignments = [] }));
    }

    [Fact]
    public void A_null_assignment_is_named_by_its_position()
    {
        Assert.Equal(["assignments[1]"], FieldsIn(February2015 with { Assignments = [Assign("licensing"), null!] }));
    }

    [Fact]
    public void Every_missing_field_is_named_at_once()
    {
        Assert.Equal(
            ["assignments", "effectiveFrom", "issuedBy", "issuedOn"],
            FieldsIn(new IssueDirectionsRequest()));
    }

    [Theory]
    [InlineData("taxi-licensing")]
    [InlineData("Licensing")]
    [InlineData("")]
    public void A_function_code_not_in_the_register_names_that_assignments_function(string code)
    {
        var errors = DirectionsRules.Validate(February2015 with { Assignments = [Assign("licensing"), Assign(code)] });

        Assert.Equal(["assignments[1].function"], errors.Keys);
        Assert.Contains($"'{code}' is not a function code in the functions register", errors["assignments[1].function"]);
    }

    [Fact]
    public void A_function_assigned_twice_in_the_same_Directions_names_the_second_assignment()
    {
        var errors = DirectionsRules.Validate(February2015 with
        {
            Assignments =
            [
                Assign("licensing", Authority.Commissioners),
                Assign("childrens-social-care", Authority.Commissioners),
                Assign("licensing", Authority.Council, Oversight.Advice),
            ],
        });

        Assert.Equal(["assignments[2].function"], errors.Keys);
        Assert.Contains("'licensing' is assigned twice in the same Directions", errors["assignments[2].function"]);
    }

    [Fact]
    public void An_intervention_ending_on_the_issued_date_is_refused()
    {
        var errors = DirectionsRules.Validate(February2015 with { InterventionEndsOn = new DateOnly(2015, 2, 26) });

        Assert.Equal(["interventionEndsOn"], errors.Keys);
        Assert.Contains("must be after issuedOn", errors["interventionEndsOn"]);
    }

    [Fact]
    public void An_intervention_ending_before_the_issued_date_is_refused()
    {
        Assert.Equal(["interventionEndsOn"], FieldsIn(February2015 with { InterventionEndsOn = new DateOnly(2015, 2, 25) }));
    }

    [Fact]
    public void An_intervention_ending_the_day_after_the_issued_date_is_accepted()
    {
        Assert.Empty(DirectionsRules.Validate(February2015 with { InterventionEndsOn = new DateOnly(2015, 2, 27) }));
    }

    [Fact]
    public void Directions_that_do_not_end_the_intervention_can_be_recorded()
    {
        // Only the first Directions of an intervention gives interventionEndsOn.
        Assert.Empty(DirectionsRules.Validate(February2015 with { InterventionEndsOn = null }));
    }

    [Fact]
    public void An_authority_outside_the_enum_names_that_assignments_authority()
    {
        var errors = DirectionsRules.Validate(February2015 with { Assignments = [Assign("licensing", (Authority)99)] });

        Assert.Equal(["assignments[0].authority"], errors.Keys);
        Assert.Contains("must be one of: Commissioners, Cabinet, Council, Officer", errors["assignments[0].authority"]);
    }

    [Fact]
    public void An_oversight_outside_the_enum_names_that_assignments_oversight()
    {
        var errors = DirectionsRules.Validate(February2015 with { Assignments = [Assign("licensing", Authority.Council, (Oversight)(-1))] });

        Assert.Equal(["assignments[0].oversight"], errors.Keys);
        Assert.Contains("must be one of: None, Advice, Veto", errors["assignments[0].oversight"]);
    }

    [Fact]
    public void Licensing_returned_to_the_Council_with_Commissioner_advice_can_be_recorded()
    {
        var december2016 = February2015 with
        {
            IssuedOn = new DateOnly(2016, 12, 20),
            EffectiveFrom = new DateTimeOffset(2016, 12, 20, 0, 0, 0, TimeSpan.Zero),
            InterventionEndsOn = null,
            Assignments = [Assign("licensing", Authority.Council, Oversight.Advice)],
        };

        Assert.Empty(DirectionsRules.Validate(december2016));
    }
}
