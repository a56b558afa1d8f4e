using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>What a 903 import decides before and after the database: which table each file is, and the report it answers.</summary>
public sealed class ReturnImportTests
{
    [Fact]
    public void Each_file_is_taken_for_the_table_its_name_says_and_imported_in_the_order_of_tables()
    {
        var (tables, problem) = ReturnImport.Tables(["Episodes.csv", "header.csv", "oc3.csv"], name => name);

        Assert.Null(problem);
        Assert.Equal([("episodes", "Episodes.csv"), ("header", "header.csv"), ("oc3", "oc3.csv")], tables!.Select(pair => (pair.Key, pair.Value)));
    }

    [Fact]
    public void A_file_set_with_no_file_is_refused_naming_files()
    {
        Assert.Equal("files", ReturnImport.Tables(Array.Empty<string>(), name => name).Problem?.Field);
    }

    [Fact]
    public void A_file_whose_name_is_not_a_903_table_is_refused_naming_the_file()
    {
        var problem = ReturnImport.Tables(["header.csv", "children.xlsx"], name => name).Problem!;

        Assert.Equal("files[children.xlsx]", problem.Field);
        Assert.StartsWith("is not a 903 file name: expected one of header.csv, episodes.csv", problem.Rule);
    }

    [Fact]
    public void Two_files_for_one_table_are_refused_as_sent_twice()
    {
        var problem = ReturnImport.Tables(["header.csv", "HEADER.csv"], name => name).Problem!;

        Assert.Equal(("files[HEADER.csv]", "is sent twice"), (problem.Field, problem.Rule));
    }

    [Fact]
    public void The_report_lists_findings_by_table_row_and_rule_and_counts_them_by_rule()
    {
        var id = Guid.NewGuid();
        Finding[] findings =
        [
            new("103", "header", 1, ["ETHNIC"]), new("392c", "episodes", 2, ["HOME_POST"]), new("1015", "episodes", 2, ["PLACE_PROVIDER"]),
            new("103", "header", 0, ["ETHNIC"]),
        ];

        var report = ReturnImport.Report(id, Returns.Year2017, new() { ["episodes"] = 3, ["header"] = 2 }, findings);

        Assert.Equal((id, "2017/18"), (report.Id, report.CollectionYear));
        Assert.Equal([("episodes", 2, "1015"), ("episodes", 2, "392c"), ("header", 0, "103"), ("header", 1, "103")],
            report.Errors.Select(finding => (finding.Table, finding.Row, finding.Rule)));
        Assert.Equal([("1015", 1), ("103", 2), ("392c", 1)], report.Counts.Select(count => (count.Key, count.Value)));
    }
}
