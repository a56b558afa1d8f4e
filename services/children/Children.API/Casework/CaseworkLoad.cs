namespace Children.API.Casework;

/// <summary>The bad fields of a list, each named by the record's place in it (<c>[3].dueOn</c>), and the rule it breaks.</summary>
public sealed class RecordErrors(Dictionary<string, string[]> errors, int index)
{
    public void Add(string field, string rule) => errors[$"[{index}].{field}"] = [rule];

    /// <summary>The council's identifier (903 CHILD).</summary>
    public void Child(string? child)
    {
        if (string.IsNullOrWhiteSpace(child) || child.Length > 10) Add("child", "is required: the council's identifier (903 CHILD), up to 10 characters");
    }

    public void Required(string field, DateOnly? value)
    {
        if (value is null) Add(field, "is required, yyyy-MM-dd");
    }

    /// <summary>A casework key (a social worker's id) becomes a primary key: short, and plain enough to read back in a report.</summary>
    public void Key(string field, string? key)
    {
        if (key is null || !CaseworkKey.Pattern().IsMatch(key)) Add(field, "is required: at most 64 letters, digits, '-' and '_'");
    }
}

/// <summary>
/// One kind of casework record loaded in lists: how each record is checked, the row it becomes, the row's natural key
/// (child and date, or the worker's id), and the one statement that writes a list: a record whose key is stored updates
/// that row, any other is added, so loading the same list again changes nothing.
/// </summary>
/// <remarks>
/// The write is one <c>INSERT ... SELECT FROM unnest(...) ON CONFLICT ... DO UPDATE</c> through EF Core's
/// <c>ExecuteSqlAsync</c>, not tracked entities: measured on this machine (load average 27-46), 20,000 visits in lists of
/// 2,000 took 1.1-6.4 s as tracked entities and 0.2-0.6 s as one statement a list, new or again.
/// </remarks>
public sealed record CaseworkList<TRecord, TRow>(
    Action<TRecord, RecordErrors> Check,
    Func<TRecord, TRow> ToRow,
    Func<TRow, object> Key,
    Func<IReadOnlyList<TRow>, FormattableString> Upsert)
    where TRecord : class
    where TRow : class
{
    /// <summary>The list's bad fields: a null record, or each record's own (none when every record is good).</summary>
    public Dictionary<string, string[]> Errors(IReadOnlyList<TRecord?> records)
    {
        var errors = new Dictionary<string, string[]>();
        for (var index = 0; index < records.Count; index++)
        {
            if (records[index] is { } record) Check(record, new RecordErrors(errors, index));
            else errors[$"[{index}]"] = ["must be a record, not null"];
        }
        return errors;
    }

    /// <summary>Whether the list names one record (one natural key) twice: refused, since which of the two would win?</summary>
    public bool NamesOneRecordTwice(IReadOnlyList<TRow> rows) => rows.Select(Key).Distinct().Count() != rows.Count;
}

internal static partial class CaseworkKey
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial System.Text.RegularExpressions.Regex Pattern();
}
