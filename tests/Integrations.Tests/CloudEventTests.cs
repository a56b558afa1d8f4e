using System.Text.Json;
using Integrations.API.Deliveries;
using Integrations.API.Events;

namespace Integrations.Tests;

/// <summary>A delivery's body is a CloudEvents 1.0 event in structured JSON mode.</summary>
public class CloudEventTests
{
    [Fact]
    public void The_event_carries_the_required_attributes_the_trace_and_the_data_as_stored()
    {
        var id = Guid.NewGuid();
        var stored = new StoredEvent
        {
            EventId = id, Type = "Intervention.Contracts.Licensing.LicensingDecisionMade", Source = "/intervention/licensing",
            OccurredAt = new DateTimeOffset(2016, 6, 15, 10, 30, 0, TimeSpan.FromHours(1)),
            Data = """{"licenceReference":"PH-000123","outcome":"Revocation"}""",
            Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };
        var json = JsonDocument.Parse(CloudEvent.Serialize(stored)).RootElement;

        Assert.Equal("1.0", json.GetProperty("specversion").GetString());
        Assert.Equal(id.ToString(), json.GetProperty("id").GetString());
        Assert.Equal("/intervention/licensing", json.GetProperty("source").GetString());
        Assert.Equal("Intervention.Contracts.Licensing.LicensingDecisionMade", json.GetProperty("type").GetString());
        Assert.Equal("2016-06-15T09:30:00Z", json.GetProperty("time").GetString());
        Assert.Equal("application/json", json.GetProperty("datacontenttype").GetString());
        Assert.Equal(stored.Traceparent, json.GetProperty("traceparent").GetString());
        Assert.Equal("PH-000123", json.GetProperty("data").GetProperty("licenceReference").GetString());
    }

    [Fact]
    public void Without_a_trace_the_extension_is_left_out()
    {
        var stored = new StoredEvent { EventId = Guid.NewGuid(), Type = "T", Source = "/intervention/governance", OccurredAt = DateTimeOffset.UnixEpoch, Data = "{}" };
        Assert.False(JsonDocument.Parse(CloudEvent.Serialize(stored)).RootElement.TryGetProperty("traceparent", out _));
    }
}
