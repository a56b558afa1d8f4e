using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Intervention.Contracts;

namespace Intervention.ServiceDefaults.Http;

/// <summary>
/// Dates in query strings follow the same rule as in bodies: <c>yyyy-MM-dd</c>, nothing else, and within
/// <see cref="Earliest"/>..<see cref="Latest"/>: nothing the council records is older or further ahead, and a date
/// at the edge of .NET's range would overflow the first calculation that adds a day to it.
/// </summary>
public static class Dates
{
    /// <summary>The earliest date any request may name.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>The latest date any request may name.</summary>
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public const string Rule = "must be a date, yyyy-MM-dd, from 1900-01-01 to 2100-12-31";

    /// <summary>
    /// Parses <paramref name="value"/>; an absent value means <paramref name="otherwise"/>. False when it is present
    /// but malformed or out of range.
    /// </summary>
    public static bool TryParse(string? value, DateOnly otherwise, out DateOnly date)
    {
        if (string.IsNullOrEmpty(value))
        {
            date = otherwise;
            return true;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && InRange(date);
    }

    /// <summary>Whether <paramref name="date"/> is one a request may name.</summary>
    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>Whether <paramref name="instant"/> falls on a date a request may name (in UTC).</summary>
    public static bool InRange(DateTimeOffset instant) => InRange(DateOnly.FromDateTime(instant.UtcDateTime));
}

/// <summary>
/// Request bodies' dates: <c>yyyy-MM-dd</c> within <see cref="Dates.Earliest"/>..<see cref="Dates.Latest"/>. A bare
/// <see cref="JsonException"/> lets the serializer name the field, and <c>ProblemResponses</c> says the rule.
/// </summary>
internal sealed class RequestDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String &&
        DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && Dates.InRange(date)
            ? date : throw new JsonException();

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>Request bodies' instants: as <see cref="InstantConverter"/> reads them, on a date within the same range.</summary>
internal sealed class RequestInstantConverter : JsonConverter<DateTimeOffset>
{
    private static readonly InstantConverter Contract = new();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var instant = Contract.Read(ref reader, typeToConvert, options);
        return Dates.InRange(instant) ? instant : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => Contract.Write(writer, value, options);
}
