using System.Reflection;
using Children.API.Children;
using Intervention.Contracts;

namespace Children.Tests.Children;

/// <summary>No child-level field leaves the service: every property of every children's event is an aggregate, a code or the pseudonymous reference.</summary>
public sealed class EventContractTests
{
    /// <summary>What an event about a child may carry: ids and instants, the reference, dates of care, 903 codes, bands and flags.</summary>
    private static readonly HashSet<string> Allowed =
    [
        "EventId", "OccurredAt", "ChildRef", "StartedOn", "ChangedOn", "CeasedOn", "LegalStatus", "PlacementType", "PreviousPlacementType", "LastPlacementType",
        "PlacementProvider", "WeeklyCostBand", "Stovewood", "ReasonEpisodeCeased",
        // KpisPublished: aggregates only.
        "AsAt", "Kpis", "Name", "Value", "Numerator", "Denominator",
    ];

    private static readonly string[] ChildLevel = ["Dob", "Birth", "LocalId", "Upn", "Postcode", "Post", "Ethnic", "Sex", "Mother", "Urn", "Address", "Name2"];

    public static TheoryData<Type> ChildrenContracts()
    {
        var data = new TheoryData<Type>();
        foreach (var t in typeof(ContractJson).Assembly.GetTypes().Where(t => t.Namespace == "Intervention.Contracts.Children" && t.IsPublic)) data.Add(t);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChildrenContracts))]
    public void Every_property_of_a_children_s_event_is_one_that_names_no_child(Type contract)
    {
        foreach (var property in contract.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.True(Allowed.Contains(property.Name), $"{contract.Name}.{property.Name} is not on the list of fields an event may carry");
            Assert.DoesNotContain(ChildLevel, word => property.Name.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void The_four_events_are_all_scanned()
    {
        var names = typeof(ContractJson).Assembly.GetTypes().Where(t => t.Namespace == "Intervention.Contracts.Children" && t.IsPublic).Select(t => t.Name).ToList();
        Assert.Equal(["ChildBecameLookedAfter", "ChildCeasedToBeLookedAfter", "KpiFigure", "KpisPublished", "PlacementChanged"], names.Order());
    }

    [Fact]
    public void The_reference_is_keyed_stable_and_cannot_be_made_without_the_key()
    {
        byte[] key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        byte[] other = [.. Enumerable.Range(2, 32).Select(i => (byte)i)];
        var reference = ChildReferences.Of(key, "C1234");
        Assert.Equal(reference, ChildReferences.Of(key, "C1234"));
        Assert.NotEqual(reference, ChildReferences.Of(key, "C1235"));
        Assert.NotEqual(reference, ChildReferences.Of(other, "C1234"));
        Assert.DoesNotContain("1234", reference[3..]);
        Assert.Matches("^CR-[0-9A-F]{20}$", reference);
    }

    [Theory]
    [InlineData("K2", "LS6 1", true)]
    [InlineData("K2", "S60 1", false)]
    [InlineData("U4", "LS6 1", false)]
    [InlineData("K2", null, false)]
    [InlineData("S1", "B152TT", true)]
    public void An_out_of_authority_residential_placement_is_a_residential_type_outside_the_council_s_districts(string place, string? postcode, bool decision) =>
        Assert.Equal(decision, new PlacementDecisions(PlacementDecisions.RotherhamDistricts).IsOutOfAuthorityResidential(place, postcode));

    [Theory]
    [InlineData(0, "0-499")]
    [InlineData(3500, "3500-3999")]
    [InlineData(3999.99, "3500-3999")]
    public void Weekly_costs_travel_as_500_pound_bands(decimal cost, string band) => Assert.Equal(band, PlacementDecisions.CostBand(cost));
}
