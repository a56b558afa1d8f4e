namespace Licensing.API.Vehicles;

/// <summary>What the vehicle and operator applications must say before anything is stored: each problem by its JSON field.</summary>
public static class VehicleRequests
{
    /// <summary>
    /// A vehicle has a UK registration mark, the day it was first registered (not in the future) and whether it has been an
    /// insurance write-off; certified CCTV says whether it records video and audio.
    /// </summary>
    public static Dictionary<string, string[]> NewVehicleProblems(NewVehicle request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var registration = Vehicle.Normalise(request.Registration);
        if (string.IsNullOrEmpty(registration) || registration.Length > 8)
            errors["registration"] = ["is required: a UK registration mark of up to 7 letters and digits"];
        if (request.FirstRegisteredOn is not { } first) errors["firstRegisteredOn"] = ["is required: yyyy-MM-dd"];
        else if (first > today) errors["firstRegisteredOn"] = ["must not be in the future"];
        if (request.InsuranceWriteOff is null) errors["insuranceWriteOff"] = ["is required: true when the vehicle has been an insurance write-off"];
        if (request.CctvCertifiedOn is { } certified)
        {
            if (certified > today) errors["cctvCertifiedOn"] = ["must not be in the future"];
            if (request.CctvRecordsVideo is null) errors["cctvRecordsVideo"] = ["is required with cctvCertifiedOn"];
            if (request.CctvRecordsAudio is null) errors["cctvRecordsAudio"] = ["is required with cctvCertifiedOn"];
        }
        if (request.AppliedOn > today) errors["appliedOn"] = ["must not be in the future"];
        return errors;
    }

    /// <summary>An operator has a name of at most 200 characters and did not apply in the future.</summary>
    public static Dictionary<string, string[]> NewOperatorProblems(NewOperator request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["is required: the operator's name, at most 200 characters"];
        if (request.AppliedOn > today) errors["appliedOn"] = ["must not be in the future"];
        return errors;
    }
}
