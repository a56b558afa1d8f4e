using Children.API.Returns903;

namespace Children.API.Children;

/// <summary>What makes a request about a child readable: each field's 903 code or form. Pure: a request in, the bad fields and their rules out.</summary>
public static class ChildRequests
{
    public static Dictionary<string, string[]> Errors(RecordChildRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.LocalId) || request.LocalId.Length > 10 || request.LocalId.Trim() != request.LocalId)
            errors["localId"] = ["is required: the council's identifier, up to 10 characters without surrounding spaces"];
        if (request.Sex is null || !(CodeLists.SexNumeric.Contains(request.Sex) || CodeLists.SexLetters.Contains(request.Sex)))
            errors["sex"] = ["must be a 903 SEX code: 1 or 2 (M, F or U from 2024/25)"];
        if (request.DateOfBirth is null) errors["dateOfBirth"] = ["is required, yyyy-MM-dd"];
        if (request.Ethnicity is null || !CodeLists.Ethnicity.Contains(request.Ethnicity))
            errors["ethnicity"] = [$"must be a 903 ETHNIC code: {string.Join(", ", CodeLists.Ethnicity)}"];
        if (request.Upn is { } upn && !CodeLists.IsUpn(upn)) errors["upn"] = ["must be a Unique Pupil Number with its check letter, or UN1–UN5"];
        return errors;
    }

    public static Dictionary<string, string[]> Errors(RecordEpisodeRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.StartedOn is null) errors["startedOn"] = ["is required, yyyy-MM-dd"];
        Code(errors, "reasonForNewEpisode", request.ReasonForNewEpisode, CodeLists.ReasonNewEpisode);
        Code(errors, "legalStatus", request.LegalStatus, CodeLists.LegalStatus);
        Code(errors, "categoryOfNeed", request.CategoryOfNeed, CodeLists.CategoryOfNeed);
        Code(errors, "placementType", request.PlacementType, CodeLists.Placement);
        if (request.PlacementType is { } place && !(CodeLists.IsTemporary(place) || place == "Z1"))
            Code(errors, "placementProvider", request.PlacementProvider, CodeLists.Provider);
        else if (request.PlacementProvider is { Length: > 0 }) errors["placementProvider"] = ["is not recorded for a temporary placement (rule 213)"];
        if (request.ReasonForPlacementChange is { } reason && !CodeLists.ReasonPlaceChange.Contains(reason))
            errors["reasonForPlacementChange"] = [$"must be one of: {string.Join(", ", CodeLists.ReasonPlaceChange)}"];
        if (request.HomePostcode is { } home && !CodeLists.IsPostcode(home)) errors["homePostcode"] = ["must be a UK postcode or 903 postcode sector (S60 2)"];
        if (request.PlacementPostcode is { } placement && !CodeLists.IsPostcode(placement))
            errors["placementPostcode"] = ["must be a UK postcode or 903 postcode sector (S60 2)"];
        if (request.WeeklyCost is < 0) errors["weeklyCost"] = ["must not be negative"];
        if (request.ApprovedBy?.Name is { } name && string.IsNullOrWhiteSpace(name)) errors["approvedBy.name"] = ["must not be blank"];
        return errors;
    }

    public static Dictionary<string, string[]> Errors(EndCareRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.EndedOn is null) errors["endedOn"] = ["is required, yyyy-MM-dd"];
        if (request.ReasonEpisodeCeased is not { } reason || !CodeLists.ReasonEpisodeCeased.Contains(reason) || reason == "X1")
            errors["reasonEpisodeCeased"] = ["must be a 903 REC code other than X1 (a new episode ends the previous one with X1)"];
        return errors;
    }

    private static void Code(Dictionary<string, string[]> errors, string field, string? value, HashSet<string> codes)
    {
        if (value is null || !codes.Contains(value)) errors[field] = [$"must be a 903 code: {string.Join(", ", codes)}"];
    }
}
