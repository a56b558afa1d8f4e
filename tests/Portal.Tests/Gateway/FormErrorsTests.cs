using Intervention.Portal.Gateway;

namespace Portal.Tests.Gateway;

/// <summary>An API's problem details shown as a person can act on them: beside the box the API named, and linked from the summary.</summary>
public sealed class FormErrorsTests
{
    private static readonly FormField[] Upload = [new("collectionYear", "collection-year", "Collection year"), new("files", "files", "File")];

    [Fact]
    public void Each_field_the_API_names_is_a_sentence_beside_its_box_in_the_order_of_the_form()
    {
        var errors = FormErrors.From(new Dictionary<string, string[]>
        {
            ["files[payroll.csv]"] = ["is not a 903 file name: expected one of header.csv, episodes.csv"],
            ["CollectionYear"] = ["must be a collection year, written 2017/18"],
        }, "One or more validation errors occurred.", Upload);

        Assert.Equal(
            [new FormError("collection-year", "Collection year must be a collection year, written 2017/18"),
             new FormError("files", "File payroll.csv is not a 903 file name: expected one of header.csv, episodes.csv")],
            errors.Items);
        Assert.Equal("Collection year must be a collection year, written 2017/18", errors.For("collection-year"));
        Assert.Null(errors.For("child"));
    }

    [Fact]
    public void A_field_the_form_has_no_box_for_is_in_the_summary_in_words_without_a_link()
    {
        var errors = FormErrors.From(new Dictionary<string, string[]> { ["asAt"] = ["must be a date, yyyy-MM-dd"] }, null, Upload);

        Assert.Equal([new FormError(null, "As at must be a date, yyyy-MM-dd")], errors.Items);
    }

    [Fact]
    public void A_refusal_by_rule_names_no_field_and_its_detail_is_shown()
    {
        var refused = new ApiAnswer<int>(0, ApiTrouble.Refused, "The decision-maker no longer held licensing on that day.");

        Assert.Equal([new FormError(null, "The decision-maker no longer held licensing on that day.")], FormErrors.Of(refused, Upload).Items);
        Assert.False(FormErrors.Of(new ApiAnswer<int>(1, null, null), Upload).Any);
        Assert.False(FormErrors.Of(new ApiAnswer<int>(0, ApiTrouble.ServiceUnavailable, "down"), Upload).Any);
    }
}
