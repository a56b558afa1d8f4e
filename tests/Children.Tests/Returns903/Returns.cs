using System.Text;
using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>
/// A small valid 2017/18 return, and the same return with fields changed, read through the service's own CSV reader.
/// C1 (a boy) was placed for adoption, matched and adopted (01/03/2018) this year; C2 (a girl, looked after since 2016) was once an unaccompanied
/// asylum seeker and has the OC2 items of a child looked after for 12 months; C3 (a young man of 17) is a care leaver (OC3).
/// A foster placement gives its fostering service's URN (DfE 218): the council's own (SC040018) or an independent agency's (SC041234).
/// </summary>
public static class Returns
{
    public static readonly CollectionYear Year2017 = new(2017);

    /// <summary>The columns of each file as the DfE specifies them (the service itself only requires CHILD of the other tables).</summary>
    public static readonly Dictionary<string, string[]> Columns = new Dictionary<string, string[]>(Tables.Columns.Where(c => Tables.IsCore(c.Key)))
    {
        ["uasc"] = ["CHILD", "SEX", "DOB", "DUC"],
        ["oc2"] = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
        ["oc3"] = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
        ["ad1"] = ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
        ["placed_for_adoption"] = ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
        ["previous_permanence"] = ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    }.WithLastYear();

    // Last year's files have this year's columns.
    private static Dictionary<string, string[]> WithLastYear(this Dictionary<string, string[]> columns)
    {
        foreach (var (table, names) in columns.ToList()) columns[table + Tables.LastYearSuffix] = names;
        return columns;
    }

    public static Dictionary<string, List<Dictionary<string, string>>> Valid() => new()
    {
        [Tables.Header] = Rows(Tables.Header,
            "C1,1,04/05/2009,WBRI,UN2,,",
            "C2,2,10/10/2003,WBRI,UN3,0,",
            "C3,1,01/01/2000,WBRI,UN1,,"),
        [Tables.Episodes] = Rows(Tables.Episodes,
            "C1,01/06/2017,S,C2,N1,U4,PR1,01/09/2017,X1,CARPL,S60 1,S61 2,SC040018",
            "C1,01/09/2017,P,C2,N1,A4,PR4,01/03/2018,E11,,S60 1,LS6 1,SC123456",
            "C2,15/04/2016,S,C2,N2,U6,PR4,,,,S62 1,S63 1,SC041234"),
        [Tables.Reviews] = Rows(Tables.Reviews,
            "C1,04/05/2009,20/06/2017,PN1",
            "C2,10/10/2003,01/10/2017,PN3"),
        [Tables.Missing] = Rows(Tables.Missing,
            "C2,10/10/2003,M,01/11/2017,03/11/2017",
            "C2,10/10/2003,A,10/12/2017,10/12/2017"),
        ["uasc"] = Rows("uasc", "C2,2,10/10/2003,01/06/2017"),
        ["oc2"] = Rows("oc2", "C2,10/10/2003,12,,0,,1,1,1,0,,"),
        ["oc3"] = Rows("oc3", "C3,01/01/2000,YES,F2,B1"),
        ["ad1"] = Rows("ad1", "C1,04/05/2009,01/07/2017,01/08/2017,0,2,MF,L11"),
        ["placed_for_adoption"] = Rows("placed_for_adoption", "C1,04/05/2009,01/07/2017,,"),
        ["previous_permanence"] = Rows("previous_permanence", "C2,10/10/2003,Z1,,", "C1,04/05/2009,Z1,,"),
        // Last year (2016/17): C2's care, open at 31 March, goes on this year; C3 was looked after from 15 to 17, so is a
        // former relevant child; a decision that C2 be placed for adoption was taken and reversed.
        ["header_last"] = Rows("header_last",
            "C2,2,10/10/2003,WBRI,UN3,0,",
            "C3,1,01/01/2000,WBRI,UN1,,"),
        ["episodes_last"] = Rows("episodes_last",
            "C3,01/01/2015,S,C2,N1,U4,PR1,01/01/2017,E8,,S60 1,S61 2,SC040018",
            "C2,15/04/2016,S,C2,N2,U6,PR4,,,,S62 1,S63 1,SC041234"),
        ["missing_last"] = Rows("missing_last", "C2,10/10/2003,M,01/03/2017,05/03/2017"),
        ["placed_for_adoption_last"] = Rows("placed_for_adoption_last", "C2,10/10/2003,01/02/2017,01/03/2017,RD1"),
    };

    /// <summary>The valid return without last year's files, as an import sends it when neither is at hand.</summary>
    public static Dictionary<string, List<Dictionary<string, string>>> ThisYearOnly(Dictionary<string, List<Dictionary<string, string>>> files) =>
        files.Where(file => Tables.LastOf(file.Key) is null).ToDictionary();

    private static List<Dictionary<string, string>> Rows(string table, params string[] lines) =>
        lines.Select(l => Columns[table].Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();

    /// <summary>
    /// Applies "table:row:COLUMN=value" changes, each separated by a semicolon ("episodes:2:LS=L1;episodes:2:DEC=19/04/2016").
    /// The row one past a table's last is a new row, a copy of the last ("oc3:1:CHILD=C3" names C3 twice).
    /// </summary>
    public static Dictionary<string, List<Dictionary<string, string>>> With(string changes)
    {
        var files = Valid();
        foreach (var change in changes.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (where, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
            var parts = where.Split(':');
            var rows = files[parts[0]];
            if (int.Parse(parts[1]) == rows.Count) rows.Add(new Dictionary<string, string>(rows[^1]));
            files[parts[0]][int.Parse(parts[1])][parts[2]] = value;
        }
        return files;
    }

    public static string Csv(string table, List<Dictionary<string, string>> rows)
    {
        var text = new StringWriter();
        CsvFile.Write(text, Columns[table]);
        foreach (var row in rows) CsvFile.Write(text, Columns[table].Select(c => row[c]).ToList());
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
