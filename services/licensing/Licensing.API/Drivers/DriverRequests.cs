using Intervention.Contracts.Licensing;

namespace Licensing.API.Drivers;

/// <summary>What the drivers' requests must say before anything is loaded: each problem by its JSON field.</summary>
public static class DriverRequests
{
    /// <summary>The title of an application that cannot be recorded.</summary>
    public const string NewDriverTitle = "The driver cannot be recorded";

    /// <summary>
    /// An application names the driver (at most 200 characters), a date of birth after 1900 and not in the future, and a
    /// hackney carriage or private hire licence; a licence carried over from earlier records has its grant day and a term of
    /// 1 to 36 months; the checks and convictions that come with it are each valid.
    /// </summary>
    public static Dictionary<string, string[]> NewDriverProblems(NewDriver request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["is required"];
        else if (request.Name.Length > 200) errors["name"] = ["must be at most 200 characters"];
        if (request.DateOfBirth is not { } dateOfBirth) errors["dateOfBirth"] = ["is required: yyyy-MM-dd"];
        else if (dateOfBirth > today) errors["dateOfBirth"] = ["must not be in the future"];
        else if (dateOfBirth < new DateOnly(1900, 1, 1)) errors["dateOfBirth"] = ["must be after 1900-01-01"];
        if (request.LicenceType is not (LicenceType.HackneyCarriage or LicenceType.PrivateHire))
            errors["licenceType"] = ["is required: HackneyCarriage or PrivateHire"];
        var numbers = new[] { ("address", request.Address), ("niNumber", request.NiNumber), ("drivingLicenceNumber", request.DrivingLicenceNumber) };
        foreach (var (field, value) in numbers)
            if (value is { Length: > 200 }) errors[field] = ["must be at most 200 characters"];
        if (request.AppliedOn > today) errors["appliedOn"] = ["must not be in the future"];
        if (request.ExistingLicence is { } existing)
        {
            if (existing.GrantedOn is not { } grantedOn) errors["existingLicence.grantedOn"] = ["is required: yyyy-MM-dd"];
            else if (grantedOn > today) errors["existingLicence.grantedOn"] = ["must not be in the future"];
            if (existing.TermMonths is { } months && (months <= 0 || months > 36)) errors["existingLicence.termMonths"] = ["must be between 1 and 36 months"];
        }
        for (var i = 0; i < (request.Checks?.Count ?? 0); i++)
            foreach (var (field, rules) in CheckProblems(request.Checks![i], today)) errors[$"checks[{i}].{field}"] = rules;
        // The offence's length is not checked here, as it never was: a change of behaviour left to its own issue.
        for (var i = 0; i < (request.Convictions?.Count ?? 0); i++)
        {
            var conviction = request.Convictions![i];
            var problems = FitnessPolicy.ValidateConviction(conviction.Category, conviction.ConvictedOn, conviction.SentenceEndsOn, conviction.BanEndsOn,
                today);
            foreach (var (field, rules) in problems) errors[$"convictions[{i}].{field}"] = rules;
        }
        return errors;
    }

    /// <summary>A conviction in a category of the convictions policy, dated in order and not in the future, its offence in at most 500 characters.</summary>
    public static Dictionary<string, string[]> ConvictionProblems(NewConviction conviction, DateOnly today)
    {
        var errors = FitnessPolicy.ValidateConviction(conviction.Category, conviction.ConvictedOn, conviction.SentenceEndsOn, conviction.BanEndsOn, today);
        if (conviction.Offence is { Length: > 500 }) errors["offence"] = ["must be at most 500 characters"];
        return errors;
    }

    /// <summary>Which fields a check of each kind needs; a field that does not belong to its kind is refused rather than silently kept.</summary>
    public static Dictionary<string, string[]> CheckProblems(NewCheck check, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (check.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [$"is required: one of {string.Join(", ", Enum.GetNames<DriverCheckKind>())}"];
            return errors;
        }
        if (check.On is not { } on) errors["on"] = ["is required: the day of the check, yyyy-MM-dd"];
        else if (on > today) errors["on"] = ["must not be in the future"];
        else if (on < new DateOnly(1950, 1, 1)) errors["on"] = ["must be after 1950-01-01"];

        var allowed = kind switch
        {
            DriverCheckKind.Dbs => new[] { "bothBarredLists", "onBarredList" },
            DriverCheckKind.KnowledgeTest or DriverCheckKind.Medical => ["passed"],
            DriverCheckKind.RegisterSearch => ["registerMatch"],
            DriverCheckKind.PoliceIntelligence => ["summary"],
            DriverCheckKind.SelfReport => ["happenedOn", "summary"],
            _ => [],
        };
        var given = new (string Field, bool Present)[]
        {
            ("passed", check.Passed is not null), ("bothBarredLists", check.BothBarredLists is not null), ("onBarredList", check.OnBarredList is not null),
            ("registerMatch", check.RegisterMatch is not null), ("happenedOn", check.HappenedOn is not null), ("summary", check.Summary is not null),
        };
        foreach (var (field, present) in given)
            if (present && !allowed.Contains(field)) errors[field] = [$"does not apply to a {kind} check"];
        foreach (var field in allowed)
            if (field != "onBarredList" && !given.Single(entry => entry.Field == field).Present) errors[field] = [$"is required for a {kind} check"];
        if (check.Summary is { Length: > 2000 }) errors["summary"] = ["must be at most 2000 characters"];
        if (check.HappenedOn is { } happened && check.On is { } reported
            && happened > reported) errors["happenedOn"] = ["must not be after on (the day it was reported)"];
        return errors;
    }

}
