using Intervention.Contracts.Children.Http;
using Intervention.Portal.Gateway;
using Microsoft.AspNetCore.Mvc;
using Refit;

namespace Intervention.Portal.Children;

/// <summary>
/// <c>/childrens-services/903</c>: a collection year's 903 files uploaded to the children's service; its findings next
/// (<see cref="FindingsModel"/>). A plain form post that works without scripts; <c>upload-progress.js</c> shows the upload's
/// progress where scripts run. What the API refuses is shown beside the box it names.
/// </summary>
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class Import903Model(IChildrenApi children) : ChildrensTeamPage
{
    /// <summary>As the children's service takes (DESIGN.md: 903 uploads 256 MB).</summary>
    public const long UploadLimit = 256L * 1024 * 1024;

    public static readonly FormField[] Fields =
    [
        new("collectionYear", "collection-year", "Collection year"),
        new("files", "files", "File"),
        new("body", "files", "Upload"),
    ];

    [BindProperty] public string? CollectionYear { get; set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        var parts = files.Select(file => new StreamPart(file.OpenReadStream(), file.FileName, "text/csv")).ToList();
        var report = await Ask.Api("children", () => children.ImportReturnFromStreamsAsync(CollectionYear ?? "", parts, ct));
        if (report.Value is { } imported) return Redirect($"/childrens-services/903/imports/{imported.Id}");
        Errors = FormErrors.Of(report, Fields);
        Trouble = Errors.Any ? null : (report.Trouble, report.Message);
        Response.StatusCode = Errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    /// <summary>Trouble other than a refusal (the service down): shown as every page shows it.</summary>
    public (ApiTrouble? Trouble, string? Message)? Trouble { get; private set; }
}
