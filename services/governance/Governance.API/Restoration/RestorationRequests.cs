using Intervention.Contracts.Http;

namespace Governance.API.Restoration;

/// <summary>What each step of a return must say before it is weighed. Pure: fields in, named errors out (empty when none).</summary>
public static class RestorationRequests
{
    public static Dictionary<string, string[]> Validate(AssessReturnTestRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Test is null) errors["test"] = [$"is required: one of {string.Join(", ", Enum.GetNames<ReturnTest>())}"];
        if (request.Rag is null) errors["rag"] = [$"is required: one of {string.Join(", ", Enum.GetNames<Rag>())}"];
        if (string.IsNullOrWhiteSpace(request.Evidence)) errors["evidence"] = ["is required: the evidence the assessment rests on"];
        if (string.IsNullOrWhiteSpace(request.Assessor)) errors["assessor"] = ["is required: who assessed it"];
        if (request.AssessedAt > now) errors["assessedAt"] = ["must not be in the future"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(RecommendReturnRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.RecommendedOn is null) errors["recommendedOn"] = ["is required: the date of the recommendation, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.RecommendedBy)) errors["recommendedBy"] = ["is required: who recommended the return"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(MindedToRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MindedToOn is null) errors["mindedToOn"] = ["is required: the date of the \"minded to\" decision, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.Department)) errors["department"] = ["is required: the Secretary of State's department"];
        if (request.RepresentationsCloseOn is null) errors["representationsCloseOn"] = ["is required: the last day for representations, yyyy-MM-dd"];
        else if (request.MindedToOn is { } on && request.RepresentationsCloseOn < on) errors["representationsCloseOn"] = ["must not be before mindedToOn"];
        return errors;
    }

    public static Dictionary<string, string[]> Validate(RepresentationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ReceivedOn is null) errors["receivedOn"] = ["is required: the date it was received, yyyy-MM-dd"];
        if (string.IsNullOrWhiteSpace(request.From)) errors["from"] = ["is required: who made the representation"];
        if (string.IsNullOrWhiteSpace(request.Summary)) errors["summary"] = ["is required: what it said"];
        return errors;
    }
}
