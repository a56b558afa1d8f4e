namespace Intervention.ServiceDefaults.Tests.Rules;

using Intervention.ServiceDefaults.Http;

/// <summary>A 400 names the field the way a caller wrote it, not as a JSON path.</summary>
public class ProblemResponsesFieldNameTests
{
    [Theory]
    [InlineData("$.assignments[0].authority", "assignments[0].authority")]
    [InlineData("$.effectiveFrom", "effectiveFrom")]
    [InlineData("$.issuedBy[1]", "issuedBy[1]")]
    public void A_JSON_path_names_the_field_without_the_root(string path, string field)
    {
        Assert.Equal(field, ProblemResponses.FieldName(path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("$")]
    public void The_whole_document_is_named_body(string? path)
    {
        Assert.Equal("body", ProblemResponses.FieldName(path));
    }
}
