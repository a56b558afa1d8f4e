using System.Linq.Expressions;

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
/// (child and date, or the worker's id), and which stored rows can share a key with a list's.
/// </summary>
public sealed record CaseworkList<TRecord, TRow>(
    Action<TRecord, RecordErrors> Check,
    Func<TRecord, TRow> ToRow,
    Func<TRow, object> Key,
    Func<IReadOnlyList<TRow>, Expression<Func<TRow, bool>>> StoredAlike)
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

    /// <summary>
    /// Loading a list over what is stored: a record whose key is stored updates that row, any other is added, so loading
    /// the same list again changes nothing. A list that names one record twice is refused (null): which would win?
    /// </summary>
    public CaseworkChanges<TRow>? Decide(IReadOnlyList<TRow> rows, IEnumerable<TRow> stored)
    {
        if (rows.Select(Key).Distinct().Count() != rows.Count) return null;
        var byKey = stored.ToDictionary(Key);
        var changes = new CaseworkChanges<TRow>([], []);
        foreach (var row in rows)
        {
            if (byKey.TryGetValue(Key(row), out var kept)) changes.Updated.Add((kept, row));
            else changes.Added.Add(row);
        }
        return changes;
    }
}

/// <summary>The rows a list adds, and each stored row it updates with the values of the list's row.</summary>
public sealed record CaseworkChanges<TRow>(List<TRow> Added, List<(TRow Stored, TRow Loaded)> Updated);

internal static partial class CaseworkKey
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial System.Text.RegularExpressions.Regex Pattern();
}
