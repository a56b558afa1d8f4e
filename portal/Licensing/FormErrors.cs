using Intervention.Portal.Gateway;
using Intervention.Portal.Overview;

namespace Intervention.Portal.Licensing;

/// <summary>
/// What is wrong with a licensing form, by the API's field name (<c>noticeGivenOn</c>), in plain words that start with the
/// field's label: the error summary links each to its box, and each box shows its own.
/// </summary>
public sealed class FormErrors(IReadOnlyDictionary<string, string> labels)
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The problem with the whole request the API gave without naming a field (a 409's reason).</summary>
    public string? General { get; private set; }

    public bool Any => _byField.Count > 0 || General is not null;
    public IEnumerable<KeyValuePair<string, string>> Fields => _byField;

    /// <summary>The message for one field, or null.</summary>
    public string? For(string field) => _byField.GetValueOrDefault(field);

    public void Add(string field, string message) => _byField.TryAdd(field, message);

    /// <summary>
    /// Takes the API's refusal: each field it named, in the words of its rule after the field's label ("Reasons are required: ..."),
    /// or the refusal's reason when it named no field.
    /// </summary>
    public void From<T>(ApiAnswer<T> answer)
    {
        if (answer.Errors is { Count: > 0 } errors)
            foreach (var (field, rules) in errors) Add(field, $"{labels.GetValueOrDefault(field, field)} {string.Join("; ", rules)}");
        else General = answer.Message;
    }

    /// <summary>
    /// Reads GOV.UK's three date boxes for <paramref name="field"/>: none given is <paramref name="missing"/>; a part missing or
    /// not a real date is named as the Design System words it.
    /// </summary>
    public DateOnly? Date(string field, string? day, string? month, string? year, string missing)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            Add(field, missing);
            return null;
        }
        var chosen = ChosenDay.Read(day, month, year, default);
        if (chosen.Error is { } error) Add(field, error);
        return chosen.Day;
    }
}
