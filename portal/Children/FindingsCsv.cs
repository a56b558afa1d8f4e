using System.Text;
using Intervention.Contracts.Children.Http;

namespace Intervention.Portal.Children;

/// <summary>An import's findings as the CSV a person downloads: one line per finding, quoted where a value needs it (RFC 4180).</summary>
public static class FindingsCsv
{
    public static string Of(ImportFindings findings)
    {
        var csv = new StringBuilder();
        Line(csv, findings.ChildrenShown ? ["rule", "message", "table", "line", "fields", "child"] : ["rule", "message", "table", "line", "fields"]);
        foreach (var finding in findings.Findings)
        {
            string[] values = [finding.Rule, finding.Message, finding.Table, Line(finding).ToString(), string.Join(' ', finding.Fields)];
            Line(csv, findings.ChildrenShown ? [.. values, finding.Child ?? ""] : values);
        }
        return csv.ToString();
    }

    /// <summary>The finding's line in its file as a spreadsheet numbers it: the header is line 1, the first data row (row 0) line 2.</summary>
    public static int Line(ImportFinding finding) => finding.Row + 2;

    private static void Line(StringBuilder csv, IEnumerable<string> values) =>
        csv.Append(string.Join(',', values.Select(Quoted))).Append("\r\n");

    // A value a spreadsheet would read as a formula is prefixed with ', as the DfE's own tools do, so a download never runs one.
    private static string Quoted(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
