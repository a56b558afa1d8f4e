using System.Text;
using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>A small valid 2017/18 return, and the same return with fields changed, read through the service's own CSV reader.</summary>
public static class Returns
{
    public static readonly CollectionYear Year2017 = new(2017);

    public static Dictionary<string, List<Dictionary<string, string>>> Valid() => new()
    {
        [Tables.Header] = Rows(Tables.Header,
            "C1,1,04/05/2009,WBRI,UN2,,",
            "C2,2,10/10/2003,WBRI,UN3,0,"),
        [Tables.Episodes] = Rows(Tables.Episodes,
            "C1,01/06/2017,S,C2,N1,U4,PR1,01/09/2017,X1,CARPL,S60 1,S61 2,",
            "C1,01/09/2017,P,C2,N1,K2,PR4,,,,S60 1,LS6 1,SC123456",
            "C2,15/04/2016,S,C2,N2,U6,PR4,,,,S62 1,S63 1,"),
        [Tables.Reviews] = Rows(Tables.Reviews,
            "C1,04/05/2009,20/06/2017,PN1",
            "C2,10/10/2003,01/10/2017,PN3"),
        [Tables.Missing] = Rows(Tables.Missing,
            "C2,10/10/2003,M,01/11/2017,03/11/2017",
            "C2,10/10/2003,A,10/12/2017,10/12/2017"),
    };

    private static List<Dictionary<string, string>> Rows(string table, params string[] lines) =>
        lines.Select(l => Tables.Columns[table].Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();

    /// <summary>Applies "table:row:COLUMN=value" changes, each separated by a semicolon ("episodes:2:LS=L1;episodes:2:DEC=19/04/2016").</summary>
    public static Dictionary<string, List<Dictionary<string, string>>> With(string changes)
    {
        var files = Valid();
        foreach (var change in changes.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (where, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
            var parts = where.Split(':');
            files[parts[0]][int.Parse(parts[1])][parts[2]] = value;
        }
        return files;
    }

    public static string Csv(string table, List<Dictionary<string, string>> rows)
    {
        var text = new StringWriter();
        CsvFile.Write(text, Tables.Columns[table]);
        foreach (var row in rows) CsvFile.Write(text, Tables.Columns[table].Select(c => row[c]).ToList());
        return text.ToString();
    }

    public static ReturnData Read(Dictionary<string, List<Dictionary<string, string>>> files)
    {
        var data = new ReturnData();
        var reader = new RowReader();
        foreach (var (table, rows) in files)
            reader.Read(table, table + ".csv", CsvFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(Csv(table, rows))), table + ".csv"), data);
        return data;
    }

    public static List<Finding> Validate(Dictionary<string, List<Dictionary<string, string>>> files) => new Validator903(Year2017).Validate(Read(files));
}
