using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intervention.Contracts.Children.Http;
using Xunit;
using Xunit.Abstractions;

namespace Intervention.FunctionalTests.Children;

/// <summary>
/// Malformed 903 files never crash the service: what is not a 903 file is a 400 that says why; bad values are findings.
/// On the shared system, through its gateway.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class BadFilesTests(SharedSystem shared, ITestOutputHelper output)
{
    private AspireSystem System => shared.System;

    private const string EpisodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n";

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpContent file, string fileName, string? year = "2017/18")
    {
        using var form = new MultipartFormDataContent();
        if (year is not null) form.Add(new StringContent(year), "collectionYear");
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", fileName);
        using var response = await System.Gateway.PostAsync("children/api/903/imports", form);
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static HttpContent Text(string text) => new ByteArrayContent(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("episodes.csv", "", "files[episodes.csv]", "empty")]
    [InlineData("episodes.csv", "CHILD,DECOM,RNE\r\nC1,01/06/2017,S\r\n", "files[episodes.csv]", "lacks LS")]
    [InlineData("episodes.csv", EpisodesHeader + "C1,01/06/2017,S\r\n", "files[episodes.csv]", "3 fields where the header row has 13")]
    [InlineData("header.csv", "%PDF-1.4\u0000\u0001binary", "files[header.csv]", "")]
    [InlineData("episodes.csv", EpisodesHeader + "C1,01/06/2017,S,C2,N1,U4,PR1,,,,S60 1,\"=1+cmd|' /C calc'!A0\",\r\n", "files[episodes.csv]", "row 0 (line 2), field PL_POST")]
    [InlineData("uasc.csv", "CHILD,SEX,DOB,DUC\r\nC1,1,01/01/2010,\"=HYPERLINK(\"\"http://x.example\"\")\"\r\n", "files[uasc.csv]", "row 0 (line 2), field DUC")]
    public async Task A_file_that_is_not_a_903_file_is_a_400_naming_the_file_and_what_is_wrong(string name, string content, string field, string reason)
    {
        var (status, body) = await ImportAsync(Text(content), name);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, body.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Bad_dates_and_wrong_codes_are_findings_with_their_rule_and_the_rows_are_kept()
    {
        var (status, body) = await ImportAsync(Text(EpisodesHeader +
            "C1,2017-06-01,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n" +
            "C2,01/06/2017,S,ZZ,N1,U4,PR1,,,,S60 1,S61 2,\r\n"), "episodes.csv");
        Assert.Equal(HttpStatusCode.Created, status);
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("rule").GetString(), e.GetProperty("row").GetInt32(), e.GetProperty("fields")[0].GetString())).ToList();
        Assert.Contains(("141", 0, "DECOM"), errors);
        Assert.Contains(("144", 1, "LS"), errors);
        Assert.Equal(2, body.GetProperty("rows").GetProperty("episodes").GetInt32());
        Assert.Equal(2, await System.CountAsync("children", "SELECT count(*) FROM episode_rows WHERE collection_year = '2017/18' AND child IN ('C1', 'C2') AND decom IN ('2017-06-01', '01/06/2017')"));
    }

    [Fact]
    public async Task A_file_set_refused_part_way_leaves_the_years_earlier_import_as_it_was()
    {
        // 2009/10: a year no other test imports. Files are copied in the order of their tables (episodes before header). An
        // upload over 2 MB is copied as it is read, not read whole first, so the header file's bad record is met after the
        // year's episodes were already replaced inside the import's transaction.
        const string header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n";
        const string year = "2009/10";
        var status = await ImportFilesAsync(year, ("episodes.csv", EpisodesHeader + "C1,01/06/2009,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n" +
            "C2,01/07/2009,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n"), ("header.csv", header + "C1,1,01/01/2005,WBRI,,,\r\nC2,2,01/01/2006,WBRI,,,\r\n"));
        Assert.Equal(HttpStatusCode.Created, status);

        var large = new StringBuilder(EpisodesHeader);
        while (large.Length <= 2 * 1024 * 1024) large.Append("C3,01/08/2009,S,C2,N1,U4,PR1,,,,S60 1,S61 2,\r\n");
        status = await ImportFilesAsync(year, ("episodes.csv", large.ToString()),
            ("header.csv", header + "C3,1,01/01/2005,WBRI,,,\r\nC4,1\r\n")); // refused at its second record, during its COPY

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2, await System.CountAsync("children", "SELECT count(*) FROM episode_rows WHERE collection_year = '2009/10' AND child IN ('C1', 'C2')"));
        Assert.Equal(0, await System.CountAsync("children", "SELECT count(*) FROM episode_rows WHERE collection_year = '2009/10' AND child = 'C3'"));
        Assert.Equal(2, await System.CountAsync("children", "SELECT count(*) FROM header_rows WHERE collection_year = '2009/10'"));
        Assert.Equal(1, await System.CountAsync("children", "SELECT count(*) FROM imports WHERE collection_year = '2009/10'"));
    }

    [Fact]
    public async Task A_return_of_more_children_than_one_validation_batch_is_validated_to_its_last_child()
    {
        // 2,001 children: the import reads a year back 2,000 children at a time, so K2000 ends the first batch and K2001 is the
        // second alone. 2008/09: a year no other test imports. LS ZZ is not a legal status (rule 144) in the first and last rows
        // of each batch. The year's header is imported first: the episodes alone are then not the whole year, so the year is
        // read back, not validated as the upload is read (ValidatedAsReadTests compares the two).
        Assert.Equal(HttpStatusCode.Created, await ImportFilesAsync("2008/09", ("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n" +
            "K0001,1,01/01/2005,WBRI,,,\r\n")));
        var broken = new[] { 0, 1999, 2000 };
        var episodes = new StringBuilder(EpisodesHeader);
        for (var i = 0; i <= 2000; i++)
            episodes.Append($"K{i + 1:0000},01/06/2008,S,{(broken.Contains(i) ? "ZZ" : "C2")},N1,U4,PR1,,,,S60 1,S61 2,\r\n");
        using var form = new MultipartFormDataContent { { new StringContent("2008/09"), "collectionYear" } };
        var file = Text(episodes.ToString());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", "episodes.csv");

        using var response = await System.Gateway.PostAsync("children/api/903/imports", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("read;", string.Join(",", response.Headers.GetValues("Server-Timing")));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2001, body.GetProperty("rows").GetProperty("episodes").GetInt32());
        var rows = body.GetProperty("errors").EnumerateArray().Where(e => e.GetProperty("rule").GetString() == "144")
            .Select(e => e.GetProperty("row").GetInt32()).Order().ToList();
        Assert.Equal(broken, rows);
    }

    private async Task<HttpStatusCode> ImportFilesAsync(string year, params (string Name, string Content)[] files)
    {
        using var form = new MultipartFormDataContent { { new StringContent(year), "collectionYear" } };
        foreach (var (name, content) in files)
        {
            var file = Text(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "files", name);
        }
        using var response = await System.Gateway.PostAsync("children/api/903/imports", form);
        output.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }

    [Fact]
    public async Task A_missing_or_malformed_collection_year_and_a_body_that_is_not_multipart_are_400s()
    {
        var (status, body) = await ImportAsync(Text(EpisodesHeader), "episodes.csv", year: null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("collectionYear", out _));
        (status, body) = await ImportAsync(Text(EpisodesHeader), "episodes.csv", year: "2017/19");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        using var json = await System.Gateway.PostAsJsonAsync("children/api/903/imports", new { collectionYear = "2017/18" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("multipart/form-data", await json.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_200_MB_file_is_refused_without_bringing_the_service_down()
    {
        var process = System.ProcessId("children");
        // A valid header row, then 200 MB of one record too long to be a 903 row: read from the buffered upload, never held in memory.
        var (status, body) = await ImportAsync(new StreamContent(new GeneratedFile(Encoding.UTF8.GetBytes(EpisodesHeader), 200L * 1024 * 1024)), "episodes.csv");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("longer than", body.GetProperty("errors").GetProperty("files[episodes.csv]")[0].GetString());
        Assert.True(await System.HealthyAsync("children"));
        Assert.Equal(process, System.ProcessId("children")); // the same process: it neither crashed nor was restarted
        Assert.NotEmpty(await System.Api<IChildrenApi>().GetKpisAsync(new DateOnly(2018, 3, 31)));
    }

    /// <summary>A stream of a given length, generated as it is read: a prefix then the letter A.</summary>
    private sealed class GeneratedFile(byte[] prefix, long length) : Stream
    {
        private long _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = _position + i < prefix.Length ? prefix[_position + i] : (byte)'A';
            _position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
