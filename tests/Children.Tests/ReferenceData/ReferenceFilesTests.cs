using System.Text;
using Children.API.ReferenceData;
using Children.API.Returns903;

namespace Children.Tests.ReferenceData;

/// <summary>
/// An uploaded reference file is kept whole or refused whole: every row that breaks a rule is named by row, field and rule,
/// and nothing is dropped or changed.
/// </summary>
public sealed class ReferenceFilesTests
{
    private static CsvFile Csv(string text) => CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "upload.csv");

    [Fact]
    public void A_good_postcode_lookup_is_read_row_by_row()
    {
        var (rows, problems) = ReferenceFiles.ReadPostcodes(Csv("POSTCODE,LA,EASTING,NORTHING\nS60 1,E08000018,443000,392000\nls6 1aa,E08000035,428000,436000\n"));
        Assert.Null(problems);
        Assert.Equal([("S60 1", new PostcodePlace("E08000018", 443000, 392000)), ("LS6 1AA", new PostcodePlace("E08000035", 428000, 436000))], rows!);
    }

    [Fact]
    public void Each_bad_row_is_named_with_its_field_and_rule_and_nothing_is_kept()
    {
        var (rows, problems) = ReferenceFiles.ReadPostcodes(Csv(
            "postcode,la,easting,northing\nS60 1,E08000018,443000,392000\nNOT A POSTCODE,E08000018,1,2\nS61 2,e0800,-5,1300001\nS60 1,E08000018,1,1\nS62 1,E08000018\n"));
        Assert.Null(rows);
        Assert.Equal(["must be a postcode, in full (S60 2TH) or as the 903 writes it (S60 2)"], problems!["rows[1].POSTCODE"]);
        Assert.StartsWith("must be a local authority's code", Assert.Single(problems["rows[2].LA"]));
        Assert.Equal(["must be a whole number of metres on the British National Grid, 0 to 700000"], problems["rows[2].EASTING"]);
        Assert.Equal(["must be a whole number of metres on the British National Grid, 0 to 1300000"], problems["rows[2].NORTHING"]);
        Assert.Equal(["S60 1 is already given at row 0: a postcode appears once in a lookup"], problems["rows[3].POSTCODE"]);
        Assert.Equal(["has 2 fields where the header row has 4 (line 6)"], problems["rows[4].*"]);
    }

    [Fact]
    public void A_file_without_the_columns_or_without_rows_is_refused()
    {
        Assert.Equal(["lacks the columns NORTHING (expected POSTCODE,LA,EASTING,NORTHING)"],
            ReferenceFiles.ReadPostcodes(Csv("POSTCODE,LA,EASTING\nS60 1,E08000018,1\n")).Problems!["file"]);
        Assert.Equal(["has no data rows: a version of reference data lists at least one"],
            ReferenceFiles.ReadPostcodes(Csv("POSTCODE,LA,EASTING,NORTHING\n")).Problems!["file"]);
        Assert.StartsWith("is empty", ReferenceFiles.ReadProviders(Csv("")).Problems!["file"][0]);
    }

    private const string ProviderHeader = "URN,LA,POSTCODE,REGISTERED,CEASED,PLACE_CODES,PROVIDER_CODES\n";

    [Fact]
    public void A_good_provider_list_is_read_with_its_dates_and_codes()
    {
        var (rows, problems) = ReferenceFiles.ReadProviders(Csv(ProviderHeader +
            "SC123456,E08000018,S60 1AA,01/04/2010,,K2 R1,PR1 PR2\nSC654321,E08000035,LS6 1AA,01/04/2010,31/03/2016,U4,PR4\n"));
        Assert.Null(problems);
        Assert.Equal(2, rows!.Count);
        Assert.Equal(new DateOnly(2016, 3, 31), rows[1].Ceased);
        Assert.Null(rows[0].Ceased);
        Assert.Equal(["K2", "R1"], rows[0].PlaceCodes.Order());
    }

    [Fact]
    public void A_provider_row_that_breaks_a_rule_is_named_and_the_list_is_not_kept()
    {
        var (rows, problems) = ReferenceFiles.ReadProviders(Csv(ProviderHeader +
            "XXXXXXX,E08000018,S60 1AA,01/04/2010,,K2,PR1\n" +
            "SC123456,E08000018,S60 1AA,2010-04-01,31/03/2009,K9,\n" +
            "SC654321,E08000018,S60 1AA,01/04/2010,31/03/2009,K2,PR1\n" +
            "SC654321,E08000018,S60 1AA,01/04/2010,,K2,PR1\n"));
        Assert.Null(rows);
        Assert.StartsWith("must be an Ofsted URN", Assert.Single(problems!["rows[0].URN"]));
        Assert.Equal(["must be the day the provider was registered, DD/MM/YYYY"], problems["rows[1].REGISTERED"]);
        Assert.Equal(["K9 not among the 903 placement codes (K2, R1, U4 ...)"], problems["rows[1].PLACE_CODES"]);
        Assert.Equal(["must list one or more 903 provider codes (PR0 to PR5), separated by spaces"], problems["rows[1].PROVIDER_CODES"]);
        Assert.Equal(["must not be before REGISTERED"], problems["rows[2].CEASED"]);
        Assert.Equal(["SC654321 is already given at row 2: a URN appears once in a list"], problems["rows[3].URN"]);
    }
}

/// <summary>The seeds' fictional reference data is a lookup and a list the upload keeps, and the seeds' year breaks none of the rules over it.</summary>
public sealed class SeedReferenceDataTests
{
    [Fact]
    public void The_synthetic_year_with_its_reference_sample_breaks_no_rule_over_reference_data()
    {
        var year = Intervention.Seeds.Children.SyntheticReturn.Generate(Intervention.Seeds.Children.SyntheticYearShape.Rotherham2017To18);
        static CsvFile Csv(StringBuilder text) => CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "upload.csv");
        var (postcodes, postcodeProblems) = ReferenceFiles.ReadPostcodes(Csv(year.ReferencePostcodes));
        var (providers, providerProblems) = ReferenceFiles.ReadProviders(Csv(year.ReferenceProviders));
        Assert.Null(postcodeProblems);
        Assert.Null(providerProblems);
        var data = new ReturnData();
        var reader = new RowReader();
        foreach (var (table, text) in year.Files) reader.Read(table, table + ".csv", Csv(text), data);
        var lists = new ReferenceLists(Intervention.Seeds.Children.SyntheticReturn.OwnLa, postcodes, providers);
        var findings = new Validator903(new CollectionYear(2017), lists).Validate(data);
        Assert.True(findings.Count == 0, string.Join("\n", findings.Take(20).Select(f => $"{f.Rule} {f.Table} {f.Row} {string.Join(' ', f.Fields)}")));
        // Every episode with a placement postcode has a derived placement LA, and some are placed out of the council's area.
        Assert.All(data.Episodes.Where(e => e.PlPost.Length > 0), e => Assert.NotNull(lists.Derive(e.HomePost, e.PlPost).PlLa));
        Assert.Contains(data.Episodes, e => lists.Derive(e.HomePost, e.PlPost).PlLocation == "OUT");
        Assert.Contains(data.Episodes, e => ReferenceDataRules.HasUrn(e));
    }
}
