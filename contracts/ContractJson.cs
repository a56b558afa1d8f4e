using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace Intervention.Contracts;

/// <summary>
/// The JSON shape of every contract, over HTTP and in events: camelCase properties, enum values as
/// PascalCase strings (numbers refused), dates <c>yyyy-MM-dd</c>, instants ISO 8601 with offset.
/// </summary>
public static class ContractJson
{
    /// <summary>Applies the contract conventions to a serializer's options.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
            options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        if (!options.Converters.Any(c => c is InstantConverter))
            options.Converters.Add(new InstantConverter());
        return options;
    }

    /// <summary>Options with the contract conventions, for clients and tests.</summary>
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

/// <summary>
/// Instants must say their offset (<c>2015-02-26T00:00:00Z</c>): a date alone or a local time would make
/// the server guess a time zone, and a Direction's effective instant must never be a guess.
/// </summary>
public sealed partial class InstantConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A JsonException without a message makes the serializer name the path and the target type.
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        return TryParse(reader.GetString(), out var value) ? value : throw new JsonException();
    }

    /// <summary>Parses an ISO 8601 instant with an explicit offset, returned in UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        if (text is not null && WithOffset().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }
        value = default;
        return false;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
