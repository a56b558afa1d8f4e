using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Intervention.Portal.Children;

/// <summary>
/// A page of the children's team alone: any other role is answered 403 with a plain page saying so before any API is asked (the
/// APIs refuse them too; this says it once, in words, instead of a page of refusals).
/// </summary>
public abstract class ChildrensTeamPage : PageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!User.IsInRole(Roles.Children))
        {
            context.Result = new ViewResult
            {
                ViewName = "/Children/NotForYourRole.cshtml",
                StatusCode = StatusCodes.Status403Forbidden,
                ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), context.ModelState) { ["Title"] = "Children's services" },
            };
            return;
        }
        await next();
    }
}
