using Intervention.Contracts.Children.Http;
using Intervention.Portal.Gateway;

namespace Intervention.Portal.Children;

/// <summary><c>/childrens-services/ofsted</c>: Ofsted's recommendations, each with its current RAG, owner and the evidence of its latest assessment.</summary>
public sealed class OfstedModel(IChildrenApi children) : ChildrensTeamPage
{
    public ApiAnswer<List<ImprovementItem>>? Recommendations { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Recommendations = await Ask.Api("children", () => children.ListImprovementItemsAsync("OfstedRecommendation", ct));
}
