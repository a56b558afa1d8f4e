using Intervention.Contracts.Children.Http;
using Intervention.Portal.Gateway;
using Intervention.ServiceDefaults;
using Microsoft.AspNetCore.Mvc;

namespace Intervention.Portal.Children;

/// <summary>
/// <c>/childrens-services/903/preview</c>: what the 903 return would say if it were cut on a day (today unless another is chosen)
/// from the episodes recorded through the children's API: its collection year, its rows and its findings summarised by rule, each
/// rule in the DfE's words. The children's service cuts and validates; a day it refuses is named beside its box.
/// </summary>
public sealed class Preview903Model(IChildrenApi children, TimeProvider clock) : ChildrensTeamPage
{
    public static readonly FormField[] Fields = [new("asAt", "as-at", "Day")];

    /// <summary>The day to cut the return on, as typed (<c>yyyy-MM-dd</c>); none given: today in London.</summary>
    [BindProperty(SupportsGet = true)] public string? AsAt { get; set; }

    public ApiAnswer<ReturnPreviewReport>? Preview { get; private set; }

    /// <summary>The DfE's words for each rule code; empty when the rule list could not be read (the codes still show).</summary>
    public IReadOnlyDictionary<string, string> RuleMessages { get; private set; } = new Dictionary<string, string>();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        AsAt = string.IsNullOrWhiteSpace(AsAt) ? CouncilTime.DateOf(clock.GetUtcNow()).ToString("yyyy-MM-dd") : AsAt.Trim();
        var preview = Ask.Api("children", () => children.PreviewReturnAsync(AsAt, ct));
        var rules = Ask.Api("children", () => children.ListReturnRulesAsync(cancellationToken: ct));
        Preview = await preview;
        RuleMessages = (await rules).Value?.Rules.ToDictionary(rule => rule.Code, rule => rule.Message) ?? new Dictionary<string, string>();
        Errors = FormErrors.Of(Preview, Fields);
        if (Errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>The tables a rule's findings are in, in the order first found.</summary>
    public IEnumerable<string> TablesOf(string rule) =>
        Preview?.Value?.Errors.Where(finding => finding.Rule == rule).Select(finding => finding.Table).Distinct() ?? [];
}
