using Intervention.Contracts.Children.Http;
using Intervention.Portal.Children;

namespace Portal.Tests.Children;

/// <summary>The findings download: what the table shows, one line each, safe to open in a spreadsheet.</summary>
public sealed class FindingsCsvTests
{
    private static ImportFindings Of(bool childrenShown, params ImportFinding[] findings) =>
        new(Guid.Empty, "2016/17", DateTimeOffset.UnixEpoch, 10, findings.Length, findings, childrenShown);

    [Fact]
    public void Each_finding_is_a_line_with_its_rule_words_table_line_in_the_file_fields_and_child_quoted_where_needed()
    {
        var csv = FindingsCsv.Of(Of(true, new ImportFinding("103", "The ethnicity code is either not valid or has not been entered.", "header", 0, ["ETHNIC"], "C1001"),
            new ImportFinding("392c", "Postcode(s) provided, \"wrong\"", "episodes", 3, ["HOME_POST", "PL_POST"], null)));

        Assert.Equal(
            "rule,message,table,line,fields,child\r\n" +
            "103,The ethnicity code is either not valid or has not been entered.,header,2,ETHNIC,C1001\r\n" +
            "392c,\"Postcode(s) provided, \"\"wrong\"\"\",episodes,5,HOME_POST PL_POST,\r\n",
            csv);
    }

    [Fact]
    public void Without_the_children_shown_there_is_no_child_column_and_a_formula_is_never_written_as_one()
    {
        var csv = FindingsCsv.Of(Of(false, new ImportFinding("101", "=HYPERLINK(\"x\")", "header", 1, ["SEX"], null)));

        Assert.Equal("rule,message,table,line,fields\r\n101,\"'=HYPERLINK(\"\"x\"\")\",header,3,SEX\r\n", csv);
    }
}
