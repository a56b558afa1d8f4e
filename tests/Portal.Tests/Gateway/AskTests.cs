using System.Net;
using System.Text;
using Intervention.Contracts.Governance.Http;
using Intervention.Contracts.Http;
using Intervention.Portal.Gateway;

namespace Portal.Tests.Gateway;

/// <summary>What a page shows when an API refuses the role, is down, or refuses the request: plain words, never a 500.</summary>
public sealed class AskTests
{
    private static IGovernanceApi Answering(Func<HttpResponseMessage> answer) =>
        InterventionApis.For<IGovernanceApi>(new HttpClient(new Fixed(answer)) { BaseAddress = new Uri("http://gateway/") });

    private static IGovernanceApi Failing(Exception e) =>
        InterventionApis.For<IGovernanceApi>(new HttpClient(new Fixed(() => throw e)) { BaseAddress = new Uri("http://gateway/") });

    [Fact]
    public async Task A_403_is_a_plain_message_that_the_role_cannot_see_it()
    {
        var api = Answering(() => new HttpResponseMessage(HttpStatusCode.Forbidden));
        var answer = await Ask.Api("governance", () => api.ListFunctionsAsync());
        Assert.Equal(ApiTrouble.NotForYourRole, answer.Trouble);
        Assert.Contains("Your role cannot see governance's records", answer.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task The_gateways_answer_for_a_service_that_is_down_says_the_service_is_not_answering(HttpStatusCode status)
    {
        var api = Answering(() => new HttpResponseMessage(status));
        var answer = await Ask.Api("finance", () => api.ListFunctionsAsync());
        Assert.Equal(ApiTrouble.ServiceUnavailable, answer.Trouble);
        Assert.Contains("The finance service is not answering", answer.Message);
    }

    [Fact]
    public async Task No_answer_at_all_says_the_same()
    {
        var answer = await Ask.Api("finance", () => Failing(new HttpRequestException("Connection refused")).ListFunctionsAsync());
        Assert.Equal(ApiTrouble.ServiceUnavailable, answer.Trouble);
    }

    [Fact]
    public async Task A_refusal_with_problem_details_shows_the_APIs_own_words_and_fields()
    {
        var api = Answering(() => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"status":400,"title":"One or more validation errors occurred.","detail":"'at' must be an instant.","errors":{"at":["must be an instant"]}}""",
                Encoding.UTF8, "application/problem+json"),
        });
        var answer = await Ask.Api("governance", () => api.ListFunctionsAsync());
        Assert.Equal((ApiTrouble.Refused, "'at' must be an instant."), (answer.Trouble!.Value, answer.Message));
        Assert.Equal(["must be an instant"], answer.Errors!["at"]);
    }

    private sealed class Fixed(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = answer();
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
