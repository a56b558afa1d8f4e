using System.Text.RegularExpressions;

namespace Intervention.Contracts;

/// <summary>
/// The references that name a person in free text: a child's pseudonymous reference (<c>CR-</c> and 20 hexadecimal digits,
/// still personal data) and a licence reference (<c>PH-000123</c>, <c>HC-</c>, <c>VE-</c>, <c>OP-</c>: it identifies a driver
/// or an operator). Answers for integrators withhold them.
/// </summary>
public static partial class PersonalReferences
{
    [GeneratedRegex(@"\bCR-[0-9A-F]{6,}\b|\b(?:PH|HC|VE|OP)-\d{3,}\b")]
    private static partial Regex Reference();

    /// <summary>Whether <paramref name="text"/> names a child or a licence.</summary>
    public static bool AnyIn(string? text) => text is not null && Reference().IsMatch(text);

    /// <summary>The child and licence references in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> In(string? text) => text is null ? [] : Reference().Matches(text).Select(m => m.Value).ToList();
}
