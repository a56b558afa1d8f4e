using Children.API.ReferenceData;

namespace Children.Tests.ReferenceData;

/// <summary>
/// The columns the 903 rules read that no 903 file carries (<c>PL_LA</c>, <c>PL_LOCATION</c>, <c>PL_DISTANCE</c>), derived from
/// <c>HOME_POST</c> and <c>PL_POST</c> through the postcode lookup.
/// </summary>
public sealed class ReferenceListsTests
{
    private static readonly ReferenceLists Lookup = new("E08000018",
    [
        ("S60 1", new PostcodePlace("E08000018", 443000, 392000)),
        // 3 km east and 4 km north of S60 1: 5 km, which is 3.1 miles.
        ("S61 2", new PostcodePlace("E08000018", 446000, 396000)),
        ("LS6 1", new PostcodePlace("E08000035", 428000, 436000)),
        // A sector given by two full postcodes: placed at their mean, in the authority most of them are in.
        ("DN1 1AA", new PostcodePlace("E08000017", 457000, 403000)), ("DN1 1AB", new PostcodePlace("E08000017", 457200, 403200)),
        ("DN1 1AD", new PostcodePlace("E06000012", 457400, 403400)),
    ], null);

    [Fact]
    public void The_distance_is_the_straight_line_between_the_two_postcodes_in_miles_to_one_decimal_place()
    {
        Assert.Equal(new DerivedPlacement("E08000018", "IN", 3.1m), Lookup.Derive("S60 1", "S61 2"));
        Assert.Equal(0.0m, Lookup.Derive("S60 1", "S60 1").PlDistance);
        // 1 mile is 1609.344 m: 160.9344 m rounds to 0.1 mile, half away from zero.
        Assert.Equal(0.1m, ReferenceLists.Miles(new("X", 0, 0), new("X", 161, 0)));
        Assert.Equal(0.0m, ReferenceLists.Miles(new("X", 0, 0), new("X", 80, 0)));
    }

    [Fact]
    public void A_placement_in_another_authority_is_OUT_and_in_the_councils_own_is_IN()
    {
        Assert.Equal("OUT", Lookup.Derive("S60 1", "LS6 1").PlLocation);
        Assert.Equal("E08000035", Lookup.Derive("S60 1", "LS6 1").PlLa);
        Assert.Equal("IN", Lookup.Derive("", "S61 2").PlLocation);
    }

    [Fact]
    public void A_blank_or_unknown_postcode_derives_nothing_from_it()
    {
        Assert.Equal(new DerivedPlacement(null, null, null), Lookup.Derive("S60 1", "ZZ9 9"));
        Assert.Equal(new DerivedPlacement("E08000018", "IN", null), Lookup.Derive("", "S61 2"));
        Assert.Equal(new DerivedPlacement(null, null, null), new ReferenceLists("E08000018", null, null).Derive("S60 1", "S61 2"));
        Assert.False(new ReferenceLists("E08000018", null, null).HasPostcodes);
    }

    [Theory]
    [InlineData("S60 1", "S60 1")]
    [InlineData("s60 1ab", "S60 1")]
    [InlineData("S601AB", "S60 1")]
    [InlineData("  LS6   1  ", "LS6 1")]
    [InlineData("EC1A 1BB", "EC1A 1")]
    public void Postcodes_are_read_as_the_903_writes_them(string given, string sector) => Assert.Equal(sector, ReferenceLists.Sector(given));

    [Fact]
    public void A_sector_given_by_full_postcodes_is_at_their_mean_in_the_authority_most_are_in()
    {
        Assert.Equal(new PostcodePlace("E08000017", 457200, 403200), Lookup.Place("DN1 1"));
        Assert.Equal(Lookup.Place("DN1 1"), Lookup.Place("DN1 1ZZ"));
    }
}
