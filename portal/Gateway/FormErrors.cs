namespace Intervention.Portal.Gateway;

/// <summary>A form's field as the API names it, the id of its box on the page, and the words a person knows it by.</summary>
/// <param name="ApiField">The field the API's problem details name (<c>collectionYear</c>; <c>files</c> also matches <c>files[episodes.csv]</c>).</param>
/// <param name="Id">The id of the box on the page, which the error summary links to.</param>
/// <param name="Label">The box's label, which starts the message (<c>Collection year</c>).</param>
public sealed record FormField(string ApiField, string Id, string Label);

/// <summary>One error as the GOV.UK error summary lists it: the box it links to (null when the API named no box of the form) and the words.</summary>
public sealed record FormError(string? Id, string Text);

/// <summary>
/// An API's refusal in plain words beside the box it is about: each field the problem details name becomes "<c>Label rule</c>" next to
/// that box and a link to it in the error summary; a refusal that names no field of the form (a 409's detail) is in the summary alone.
/// The one way every portal form shows what the API said (<c>Shared/_ErrorSummary</c>, <see cref="For"/> beside each box).
/// </summary>
public sealed class FormErrors
{
    private FormErrors(IReadOnlyList<FormError> items) => Items = items;

    public static FormErrors None { get; } = new([]);

    /// <summary>Every error, in the order of the form's fields, then those the form has no box for.</summary>
    public IReadOnlyList<FormError> Items { get; }

    public bool Any => Items.Count > 0;

    /// <summary>The errors about the box <paramref name="id"/>, joined; null when it has none.</summary>
    public string? For(string id) => Items.Where(e => e.Id == id).Select(e => e.Text).ToList() is { Count: > 0 } texts ? string.Join(". ", texts) : null;

    /// <summary>What the page itself found wrong before asking any API (a day that is not a real date), each error already in words.</summary>
    public static FormErrors Found(params FormError[] errors) => new([.. errors]);

    /// <summary>What an API answer says is wrong with the form; none when it was not refused.</summary>
    public static FormErrors Of<T>(ApiAnswer<T>? answer, params FormField[] fields) =>
        answer is { Trouble: ApiTrouble.Refused } ? From(answer.Errors, answer.Message, fields) : None;

    /// <summary>The problem details' fields (name to rules) and, when they name none, the problem's detail.</summary>
    public static FormErrors From(IReadOnlyDictionary<string, string[]>? errors, string? detail, params FormField[] fields)
    {
        var items = new List<(int Order, FormError Error)>();
        foreach (var (name, rules) in errors ?? new Dictionary<string, string[]>())
        {
            var (apiField, item) = Split(name);
            var index = Array.FindIndex(fields, f => string.Equals(f.ApiField, apiField, StringComparison.OrdinalIgnoreCase));
            var label = index >= 0 ? fields[index].Label : Words(apiField);
            var subject = item is null ? label : $"{label} {item}";
            foreach (var rule in rules)
                items.Add((index >= 0 ? index : fields.Length, new FormError(index >= 0 ? fields[index].Id : null, Sentence($"{subject} {rule}"))));
        }
        if (items.Count == 0 && !string.IsNullOrWhiteSpace(detail)) items.Add((fields.Length, new FormError(null, detail)));
        return new FormErrors([.. items.OrderBy(i => i.Order).Select(i => i.Error)]);
    }

    // files[episodes.csv] is the field files, about the file episodes.csv.
    private static (string Field, string? Item) Split(string name)
    {
        var open = name.IndexOf('[');
        return open > 0 && name.EndsWith(']') ? (name[..open], name[(open + 1)..^1]) : (name, null);
    }

    // collectionYear -> collection year: a field the form has no label for still reads as words.
    private static string Words(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
