namespace Intervention.ServiceDefaults.Tests.Rules;

using System.Text;
using System.Text.Json;
using Intervention.Contracts;
using Intervention.Contracts.Children.Http;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Licensing.Http;
using Intervention.ServiceDefaults.Http;

/// <summary>
/// What every service refuses before an endpoint runs (issue 15): NUL characters, null items in lists and lists past their
/// domain maximum, each named as the binder names fields.
/// </summary>
public class InputScreeningTests
{
    private static Dictionary<string, string[]> Screen<T>(string json) => BodyScreening.Screen(Encoding.UTF8.GetBytes(json), CollectionLimits.Of(typeof(T)));

    [Theory]
    [InlineData("""{"grounds":"x\u0000"}""", "grounds")]
    [InlineData("""{"members":[{"name":"Cllr \u0000Smith"}]}""", "members[0].name")]
    [InlineData("""{"driverId":null,"members":[{"name":"a"},{"name":"b","interest":"\u0000"}]}""", "members[1].interest")]
    public void A_NUL_character_in_a_body_field_is_refused_naming_the_field(string body, string field)
    {
        var errors = Screen<ScheduleHearing>(body);

        Assert.Equal([field], errors.Keys);
        Assert.Contains("NUL", errors[field][0]);
    }

    [Fact]
    public void A_NUL_character_in_a_query_value_is_refused_naming_the_parameter()
    {
        var errors = InputScreening.ScreenValues([("function", "licensing"), ("status", "Open\0")]);

        Assert.Equal(["status"], errors.Keys);
    }

    [Theory]
    [InlineData("""{"members":[null]}""", "members[0]")]
    [InlineData("""{"members":[{"name":"a"},null]}""", "members[1]")]
    public void A_null_item_in_a_list_is_refused_naming_its_place(string body, string field)
    {
        var errors = Screen<ScheduleHearing>(body);

        Assert.Equal([field], errors.Keys);
        Assert.Equal("must be an item, not null", errors[field][0]);
    }

    [Fact]
    public void A_null_record_in_a_bulk_load_is_named_by_its_index()
    {
        Assert.Equal(["[1]"], Screen<List<VisitRecord>>("""[{"child":"C1","dueOn":"2017-01-01"},null]""").Keys);
    }

    [Fact]
    public void A_hearing_with_30000_members_is_refused_at_the_panel_maximum()
    {
        var body = "{\"members\":[" + string.Join(",", Enumerable.Range(0, 30_000).Select(i => $"{{\"name\":\"Member {i}\"}}")) + "]}";

        var errors = Screen<ScheduleHearing>(body);

        Assert.Equal(["members"], errors.Keys);
        Assert.Equal("must have at most 20 items", errors["members"][0]);
    }

    [Fact]
    public void Lists_without_a_declared_maximum_take_the_default_and_a_bulk_load_its_own()
    {
        var departments = "{\"issuedBy\":[" + string.Join(",", Enumerable.Repeat("\"DfE\"", 11)) + "]}";
        Assert.Equal("must have at most 10 items", Screen<IssueDirectionsRequest>(departments)["issuedBy"][0]);
        var visits = "[" + string.Join(",", Enumerable.Repeat("{}", InputScreening.DefaultMaxRecords + 1)) + "]";
        Assert.Equal($"must have at most {InputScreening.DefaultMaxRecords} items", Screen<List<VisitRecord>>(visits)["body"][0]);
        Assert.Empty(Screen<List<VisitRecord>>("[" + string.Join(",", Enumerable.Repeat("{}", 2000)) + "]"));
    }

    [Theory]
    [InlineData("""{"members":[{"name":"Cllr Smith","role":"DecisionMaker"}],"grounds":"line one\nline two"}""")]
    [InlineData("""{"grounds":"not closed""")]
    [InlineData("""{"grounds":"\ud800"}""")]
    public void Valid_bodies_pass_and_malformed_ones_are_left_to_the_binder_which_names_where(string body)
    {
        Assert.Empty(Screen<ScheduleHearing>(body));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    public void Dates_outside_1900_to_2100_are_refused_in_queries(string value)
    {
        Assert.False(Dates.TryParse(value, default, out _));
        Assert.False(Instants.TryParse(value + "T00:00:00Z", out _, TimeProvider.System));
        Assert.True(Dates.TryParse("2100-12-31", default, out _) && Dates.TryParse("1900-01-01", default, out _));
    }

    [Theory]
    [InlineData("""{"heldOn":"0001-01-01"}""", "heldOn", "from 1900-01-01 to 2100-12-31")]
    [InlineData("""{"heldOn":"9999-12-31"}""", "heldOn", "from 1900-01-01 to 2100-12-31")]
    [InlineData("""{"members":"not a list"}""", "members", "must be an array")]
    [InlineData("""{"members":[{"name":1}]}""", "members[0].name", "must be a string")]
    [InlineData("""{"members":[7]}""", "members[0]", "must be an object")]
    [InlineData("""{"driverId":true}""", "driverId", "must be a GUID")]
    public void A_body_that_cannot_be_read_is_named_in_JSON_words_never_a_dotnet_type(string body, string field, string rule)
    {
        var options = ContractJson.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Converters.Insert(0, new RequestDateConverter());
        options.Converters.Insert(0, new RequestInstantConverter());

        var failure = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScheduleHearing>(body, options));
        var problem = ProblemResponses.InvalidJson(failure, typeof(ScheduleHearing));

        Assert.Contains(rule, Assert.Single(problem.Errors[field]));
        Assert.DoesNotContain("System.", problem.Detail);
    }

    [Fact]
    public void A_body_instant_outside_the_range_is_refused()
    {
        var options = ContractJson.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Converters.Insert(0, new RequestInstantConverter());

        var failure = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IssueDirectionsRequest>("""{"effectiveFrom":"0001-01-01T00:00:00Z"}""", options));
        Assert.Equal("effectiveFrom", Assert.Single(ProblemResponses.InvalidJson(failure, typeof(IssueDirectionsRequest)).Errors).Key);
    }

    [Theory]
    [InlineData("Failed to bind parameter \"Nullable<Guid> driverId\" from \"abc\".", "driverId", "must be a GUID")]
    [InlineData("Failed to bind parameter \"DecisionStatus? status\" from \"x\".", "status", "must be one of: ")]
    [InlineData("Required parameter \"int factor\" was not provided from route.", "factor", "is required")]
    public void A_parameter_that_cannot_be_bound_is_named_with_what_it_must_be_and_no_dotnet_type(string message, string field, string rule)
    {
        var handler = typeof(InputScreeningTests).GetMethod(nameof(Handler), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        var problem = ProblemResponses.InvalidParameter(message, handler);

        Assert.NotNull(problem);
        Assert.StartsWith(rule, Assert.Single(problem.Errors[field]));
        Assert.DoesNotContain("Guid", problem.Detail);
    }

    private static void Handler(Guid? driverId, Intervention.Contracts.Governance.Http.DecisionStatus? status, int factor) { }
}
