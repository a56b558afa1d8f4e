namespace Intervention.ServiceDefaults.Tests.Rules;

using System.Globalization;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Governance;
using Intervention.Contracts.Governance.Http;
using Authority = Intervention.Contracts.Governance.Authority;

/// <summary>The JSON every contract is written in: over HTTP and in events.</summary>
public class ContractJsonTests
{
    private static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(json, ContractJson.Options);
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, ContractJson.Options);

    [Fact]
    public void An_instant_in_UTC_with_Z_is_read()
    {
        var instant = Read<DateTimeOffset>("\"2015-02-26T00:00:00Z\"");

        Assert.Equal(new DateTimeOffset(2015, 2, 26, 0, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void An_instant_with_a_British_Summer_Time_offset_is_read_as_the_same_moment_in_UTC()
    {
        var instant = Read<DateTimeOffset>("\"2016-06-01T13:00:00+01:00\"");

        Assert.Equal(new DateTimeOffset(2016, 6, 1, 12, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("\"2016-12-20T18:00Z\"", "2016-12-20T18:00:00.0000000Z")]
    [InlineData("\"2016-12-20T18:00:00.1234567Z\"", "2016-12-20T18:00:00.1234567Z")]
    [InlineData("\"2016-12-20T13:00:00-05:00\"", "2016-12-20T18:00:00.0000000Z")]
    public void Instants_with_an_offset_in_other_ISO_8601_forms_are_read_in_UTC(string json, string utc)
    {
        var instant = Read<DateTimeOffset>(json);

        Assert.Equal(utc, instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("\"2015-02-26\"")]                // a date alone: which midnight?
    [InlineData("\"2015-02-26T00:00:00\"")]       // a local time: which time zone?
    [InlineData("\"2015-02-26 00:00:00Z\"")]      // not ISO 8601
    [InlineData("\"26/02/2015 00:00:00 +00:00\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("\"2015-02-30T00:00:00Z\"")]      // no such day
    [InlineData("1424908800")]                    // a number, not a string
    [InlineData("null")]
    public void An_instant_without_an_explicit_offset_or_not_an_instant_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => Read<DateTimeOffset>(json));
    }

    [Theory]
    [InlineData("\"2015-02-26\"")]
    [InlineData("\"2015-02-26T00:00:00\"")]
    [InlineData("\"garbage\"")]
    public void A_Directions_request_whose_effective_instant_has_no_offset_is_refused(string effectiveFrom)
    {
        var json = $$"""{"issuedOn":"2015-02-26","effectiveFrom":{{effectiveFrom}}}""";

        var error = Assert.Throws<JsonException>(() => Read<IssueDirectionsRequest>(json));
        Assert.Equal("$.effectiveFrom", error.Path);
    }

    [Fact]
    public void A_Directions_request_without_an_effective_instant_reads_it_as_absent()
    {
        var request = Read<IssueDirectionsRequest>("""{"issuedOn":"2015-02-26","effectiveFrom":null}""");

        Assert.Null(request?.EffectiveFrom);
    }

    [Fact]
    public void Instants_are_written_in_UTC_with_Z()
    {
        var json = Write(new DateTimeOffset(2016, 6, 1, 13, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal("\"2016-06-01T12:00:00Z\"", json);
    }

    [Fact]
    public void A_written_instant_reads_back_as_the_same_instant()
    {
        var instant = new DateTimeOffset(2016, 12, 20, 18, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

        Assert.Equal(instant, Read<DateTimeOffset>(Write(instant)));
    }

    [Fact]
    public void Enums_are_written_as_their_PascalCase_names()
    {
        Assert.Equal("\"Commissioners\"", Write(Authority.Commissioners));
        Assert.Equal("\"Advice\"", Write(Oversight.Advice));
        Assert.Equal("\"Children\"", Write(Portfolio.Children));
    }

    [Fact]
    public void Enums_are_read_from_their_names()
    {
        Assert.Equal(Authority.Council, Read<Authority>("\"Council\""));
        Assert.Equal(Oversight.Veto, Read<Oversight>("\"Veto\""));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"2\"")]
    [InlineData("99")]
    public void Enums_given_as_numbers_are_refused(string json)
    {
        Assert.Throws<JsonException>(() => Read<Authority>(json));
    }

    [Fact]
    public void An_unknown_enum_name_is_refused()
    {
        Assert.Throws<JsonException>(() => Read<Authority>("\"LicensingBoard\""));
    }

    [Fact]
    public void Dates_round_trip_as_yyyy_MM_dd()
    {
        var json = Write(new DateOnly(2019, 3, 31));

        Assert.Equal("\"2019-03-31\"", json);
        Assert.Equal(new DateOnly(2019, 3, 31), Read<DateOnly>(json));
    }

    [Fact]
    public void Property_names_are_camelCase()
    {
        var directions = new DirectionsIssued
        {
            EventId = Guid.NewGuid(),
            OccurredAt = new DateTimeOffset(2015, 2, 26, 9, 0, 0, TimeSpan.Zero),
            DirectionsId = Guid.NewGuid(),
            IssuedOn = new DateOnly(2015, 2, 26),
            IssuedBy = ["DCLG", "DfE"],
            EffectiveFrom = new DateTimeOffset(2015, 2, 26, 0, 0, 0, TimeSpan.Zero),
            RecordedAt = new DateTimeOffset(2015, 2, 26, 9, 0, 0, TimeSpan.Zero),
            InterventionEndsOn = new DateOnly(2019, 3, 31),
            Assignments = [new FunctionAssignment { Function = "licensing", Authority = Authority.Commissioners, Oversight = Oversight.None }],
        };

        using var document = JsonDocument.Parse(Write(directions));
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        var assignment = document.RootElement.GetProperty("assignments")[0];

        Assert.Equal(
            ["eventId", "occurredAt", "directionsId", "issuedOn", "issuedBy", "effectiveFrom", "recordedAt", "interventionEndsOn", "assignments"],
            names);
        Assert.Equal(["function", "authority", "oversight"], assignment.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Commissioners", assignment.GetProperty("authority").GetString());
        Assert.Equal("2019-03-31", document.RootElement.GetProperty("interventionEndsOn").GetString());
    }

    [Fact]
    public void An_event_reads_back_equal_to_what_was_written()
    {
        var directions = new DirectionsIssued
        {
            EventId = Guid.NewGuid(),
            OccurredAt = new DateTimeOffset(2016, 12, 20, 18, 0, 0, TimeSpan.Zero),
            DirectionsId = Guid.NewGuid(),
            IssuedOn = new DateOnly(2016, 12, 20),
            IssuedBy = ["DCLG"],
            EffectiveFrom = new DateTimeOffset(2016, 12, 20, 0, 0, 0, TimeSpan.Zero),
            RecordedAt = new DateTimeOffset(2016, 12, 20, 18, 0, 0, TimeSpan.Zero),
            Assignments = [new FunctionAssignment { Function = "licensing", Authority = Authority.Council, Oversight = Oversight.Advice }],
        };

        var read = Read<DirectionsIssued>(Write(directions))!;

        // Records compare lists by reference: compare the scalars and the lists' contents.
        Assert.Equal(directions with { IssuedBy = read.IssuedBy, Assignments = read.Assignments }, read);
        Assert.Equal(directions.IssuedBy, read.IssuedBy);
        Assert.Equal(directions.Assignments, read.Assignments);
    }
}
