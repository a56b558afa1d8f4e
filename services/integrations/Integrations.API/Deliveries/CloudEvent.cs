using System.Globalization;
using System.Text;
using System.Text.Json;
using Integrations.API.Events;

namespace Integrations.API.Deliveries;

/// <summary>
/// The body of a delivery: a CloudEvents 1.0 event in structured JSON mode (<c>application/cloudevents+json</c>) with the
/// Distributed Tracing extension. <c>id</c> is the event's <c>EventId</c> (the same on every retry and replay, so a subscriber
/// can drop what it already has), <c>source</c> <c>/intervention/&lt;portfolio&gt;</c>, <c>type</c> the contract's full name,
/// <c>time</c> its <c>OccurredAt</c>, <c>data</c> the event in the contract JSON conventions.
/// </summary>
public static class CloudEvent
{
    public const string SpecVersion = "1.0";
    public const string MediaType = "application/cloudevents+json";

    public static string Serialize(StoredEvent stored)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", SpecVersion);
            json.WriteString("id", stored.EventId.ToString());
            json.WriteString("source", stored.Source);
            json.WriteString("type", stored.Type);
            json.WriteString("time", stored.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            json.WriteString("datacontenttype", "application/json");
            if (stored.Traceparent is { Length: > 0 } traceparent) json.WriteString("traceparent", traceparent);
            json.WritePropertyName("data");
            json.WriteRawValue(stored.Data);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
