using System.Text;
using Intervention.Contracts.Children.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;

namespace Intervention.Portal.Children;

/// <summary>
/// <c>/childrens-services/903/imports/{id}</c>: an import's findings in a table, filtered by rule, table and child (a plain GET form), and
/// the same findings as a CSV download. The children's service filters; a filter it refuses is named beside its box.
/// </summary>
public sealed class FindingsModel(IChildrenApi children) : ChildrensTeamPage
{
    /// <summary>The 903 tables, as the filter offers them (the children's service's file names).</summary>
    public static readonly string[] Tables =
        ["header", "episodes", "reviews", "missing", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption", "previous_permanence", "sw_episodes"];

    public static readonly FormField[] Fields = [new("rule", "rule", "Rule"), new("table", "table", "Table"), new("child", "child", "Child")];

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public string? Table { get; set; }
    [BindProperty(SupportsGet = true)] public string? Child { get; set; }

    public ApiAnswer<ImportFindings>? Findings { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Findings = await Ask.Api("children", () => children.GetImportFindingsAsync(Id, Rule, Table, Child, cancellationToken: ct));
        Errors = FormErrors.Of(Findings, Fields);
        if (Errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Findings.Trouble is ApiTrouble.Refused && !Errors.Any ? NotFound() : Page();
    }

    /// <summary>The findings the filters match, all of them the service lists (up to 10,000), as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var findings = await Ask.Api("children", () => children.GetImportFindingsAsync(Id, Rule, Table, Child, 10_000, ct));
        if (findings.Value is not { } found) return await OnGetAsync(ct);
        return File(Encoding.UTF8.GetBytes(FindingsCsv.Of(found)), "text/csv", $"903-findings-{found.CollectionYear.Replace('/', '-')}-{Id}.csv");
    }

    /// <summary>The address of these findings with the same filters, as a page or (<paramref name="handler"/> <c>csv</c>) as a download.</summary>
    public string Link(string? handler = null)
    {
        var query = new[] { ("handler", handler), ("rule", Rule), ("table", Table), ("child", Child) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
        return $"/childrens-services/903/imports/{Id}?{string.Join('&', query)}";
    }
}
