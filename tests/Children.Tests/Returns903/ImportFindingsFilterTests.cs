using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>What may be asked of an import's findings: a rule of the DfE list, a 903 table, and a child only by the children's team.</summary>
public sealed class ImportFindingsFilterTests
{
    [Fact]
    public void The_children_team_filters_by_rule_table_and_child_and_blanks_mean_all()
    {
        var filter = ImportFindingsEndpoints.Filter("103", "header", " C1001 ", null, childrensTeam: true).Changes!;
        Assert.Equal(new FindingsFilter("103", "header", "C1001", ImportFindingsEndpoints.DefaultLimit), filter);

        Assert.Equal(new FindingsFilter(null, null, null, 50), ImportFindingsEndpoints.Filter("", " ", null, "50", childrensTeam: false).Changes);
    }

    [Fact]
    public void A_Commissioner_naming_a_child_is_refused_on_the_child_field_as_personal_data()
    {
        var refused = ImportFindingsEndpoints.Filter(null, null, "C1001", null, childrensTeam: false).Refused!;

        Assert.Equal(400, refused.Status);
        Assert.Contains("children's team alone", Assert.Single(refused.Fields!["child"]));
    }

    [Fact]
    public void A_rule_not_on_the_DfE_list_a_table_not_of_the_903_and_a_limit_out_of_range_are_each_named()
    {
        var refused = ImportFindingsEndpoints.Filter("9999", "payroll", null, "0", childrensTeam: true).Refused!;

        Assert.Equal(["limit", "rule", "table"], refused.Fields!.Keys.Order());
        Assert.Contains("DfE's 903 rule list", refused.Fields["rule"][0]);
        Assert.Contains("episodes", refused.Fields["table"][0]);
        Assert.Contains("from 1 to 10000", refused.Fields["limit"][0]);
    }
}
