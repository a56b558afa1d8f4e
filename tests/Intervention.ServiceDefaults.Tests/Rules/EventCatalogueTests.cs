using System.Text.Json;
using Intervention.EventCatalogue;

namespace Intervention.ServiceDefaults.Tests.Rules;

/// <summary>docs/asyncapi.json is what the contracts say, so integrators never read a stale schema.</summary>
public class EventCatalogueTests
{
    [Fact]
    public void The_published_catalogue_is_the_one_the_contracts_generate()
    {
        var path = Path.Combine(AsyncApiDocument.RepoRoot(), "docs", "asyncapi.json");
        Assert.True(File.Exists(path), "docs/asyncapi.json is missing: run `dotnet run --project docs/catalogue`");
        Assert.True(File.ReadAllText(path) == AsyncApiDocument.Generate(),
            "docs/asyncapi.json is out of date with Intervention.Contracts: run `dotnet run --project docs/catalogue` and commit the document with the contract change.");
    }

    [Fact]
    public void Every_event_has_a_channel_on_its_exchange_a_schema_naming_its_required_fields_and_an_example_with_them()
    {
        using var document = JsonDocument.Parse(AsyncApiDocument.Generate());
        var root = document.RootElement;
        Assert.Equal("2.6.0", root.GetProperty("asyncapi").GetString());
        foreach (var type in AsyncApiDocument.Events())
        {
            var channel = root.GetProperty("channels").GetProperty(AsyncApiDocument.ExchangeOf(type));
            Assert.Equal(AsyncApiDocument.ExchangeOf(type), channel.GetProperty("bindings").GetProperty("amqp").GetProperty("exchange").GetProperty("name").GetString());
            var schema = root.GetProperty("components").GetProperty("schemas").GetProperty(type.Name);
            var required = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.Contains("eventId", required);
            Assert.Contains("occurredAt", required);
            var example = root.GetProperty("components").GetProperty("messages").GetProperty(type.Name).GetProperty("examples")[0].GetProperty("payload").GetProperty("message");
            Assert.All(required, field => Assert.True(example.TryGetProperty(field!, out _), $"{type.Name}'s example lacks {field}"));
        }
    }

    [Fact]
    public void Every_channel_states_who_may_receive_it_as_its_contract_declares()
    {
        using var document = JsonDocument.Parse(AsyncApiDocument.Generate());
        var channels = document.RootElement.GetProperty("channels");
        foreach (var type in Intervention.Contracts.EventAudiences.Events)
        {
            var declared = Intervention.Contracts.EventAudiences.ClassificationOf(type);
            var channel = channels.GetProperty(Intervention.Contracts.EventAudiences.ExchangeOf(type));
            Assert.Equal(declared.Classification.ToString(), channel.GetProperty("x-classification").GetString());
            Assert.Equal(declared.Audiences, channel.GetProperty("x-audiences").EnumerateArray().Select(a => a.GetString()!));
            var users = channel.GetProperty("x-amqp-users").EnumerateArray().Select(u => u.GetString()!).ToList();
            Assert.Equal(declared.Classification switch
            {
                Intervention.Contracts.EventClassification.Public => ["integrator-public", "integrator-police"],
                Intervention.Contracts.EventClassification.Restricted => declared.Audiences.Select(a => "integrator-" + a).ToList(),
                _ => [],
            }, users);
        }
        Assert.Equal("Internal", channels.GetProperty("Intervention.Contracts.Children:PlacementChanged").GetProperty("x-classification").GetString());
    }
}
