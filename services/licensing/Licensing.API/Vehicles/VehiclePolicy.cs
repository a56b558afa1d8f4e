namespace Licensing.API.Vehicles;

/// <summary>A vehicle presented for a licence, with what the council has on file for it.</summary>
/// <param name="FirstRegisteredOn">The day the vehicle was first registered (its age counts from this day).</param>
/// <param name="IsRenewal">True when renewing a licence for this vehicle; false for its first licence.</param>
/// <param name="ExceptionalConditionReason">The recorded reason an over-age vehicle is in exceptional condition; null or blank when none.</param>
/// <param name="InsuranceWriteOff">Whether the vehicle has ever been an insurance write-off.</param>
/// <param name="CctvCertifiedOn">The day the CCTV installation was certified; null when not certified.</param>
/// <param name="CctvRecordsVideo">Whether the certified CCTV records video.</param>
/// <param name="CctvRecordsAudio">Whether the certified CCTV records audio.</param>
public sealed record VehicleApplication(
    DateOnly FirstRegisteredOn,
    bool IsRenewal,
    string? ExceptionalConditionReason = null,
    bool InsuranceWriteOff = false,
    DateOnly? CctvCertifiedOn = null,
    bool CctvRecordsVideo = false,
    bool CctvRecordsAudio = false);

/// <summary>One finding about a vehicle.</summary>
/// <param name="Code">A stable kebab-case code.</param>
/// <param name="Sentence">The finding in plain words.</param>
/// <param name="Blocks">True when the vehicle cannot be licensed because of it; false for a finding kept on record (an age override).</param>
public sealed record VehicleReason(string Code, string Sentence, bool Blocks);

/// <summary>Whether the vehicle may be licensed, and every finding.</summary>
public sealed record VehicleVerdict(IReadOnlyList<VehicleReason> Reasons)
{
    public bool MayLicence => !Reasons.Any(reason => reason.Blocks);
}

/// <summary>The vehicle age limits in years, bindable from <c>Licensing:Vehicles</c>; defaults from DOMAIN.md.</summary>
public sealed class VehiclePolicyOptions
{
    public const string Section = "Licensing:Vehicles";

    public int MaxAgeYearsAtFirstLicence { get; set; } = 5;
    public int MaxAgeYearsAtRenewal { get; set; } = 10;
}

/// <summary>
/// Whether a vehicle may be licensed on a day: under 5 years old at its first licence and under 10 at renewal, unless an
/// exceptional-condition override is recorded; never an insurance write-off; CCTV recording video and audio certified
/// on or before the day.
/// </summary>
public sealed class VehiclePolicy(VehiclePolicyOptions? options = null)
{
    private readonly VehiclePolicyOptions _options = options ?? new();

    /// <summary>
    /// The first day the vehicle is too old for the licence: the anniversary of first registration at the age limit.
    /// "Under 5 years" means the vehicle can be licensed through the day before its fifth anniversary, not on it.
    /// </summary>
    public DateOnly TooOldFrom(VehicleApplication vehicle) =>
        vehicle.FirstRegisteredOn.AddYears(vehicle.IsRenewal ? _options.MaxAgeYearsAtRenewal : _options.MaxAgeYearsAtFirstLicence);

    public VehicleVerdict Assess(VehicleApplication vehicle, DateOnly on)
    {
        var reasons = new List<VehicleReason>();
        var limit = vehicle.IsRenewal ? _options.MaxAgeYearsAtRenewal : _options.MaxAgeYearsAtFirstLicence;
        var stage = vehicle.IsRenewal ? "renewal" : "first licence";
        if (on >= TooOldFrom(vehicle))
        {
            if (string.IsNullOrWhiteSpace(vehicle.ExceptionalConditionReason))
                reasons.Add(new("over-age", $"First registered {D(vehicle.FirstRegisteredOn)}, the vehicle is not under {limit} years old at {stage}.",
                    Blocks: true));
            else
                reasons.Add(new("over-age-exceptional-condition",
                    $"First registered {D(vehicle.FirstRegisteredOn)}, the vehicle is not under {limit} years old at {stage}; licensed as in " +
                        $"exceptional condition: {vehicle.ExceptionalConditionReason}", Blocks: false));
        }
        // No override: a written-off vehicle is refused whatever its condition.
        if (vehicle.InsuranceWriteOff)
            reasons.Add(new("insurance-write-off", "The vehicle has been an insurance write-off.", Blocks: true));
        if (vehicle.CctvCertifiedOn is not { } certified || certified > on)
            reasons.Add(new("cctv-not-certified", "No certified CCTV installation is on record.", Blocks: true));
        else
        {
            if (!vehicle.CctvRecordsVideo) reasons.Add(new("cctv-no-video", $"The CCTV certified {D(certified)} does not record video.", Blocks: true));
            if (!vehicle.CctvRecordsAudio) reasons.Add(new("cctv-no-audio", $"The CCTV certified {D(certified)} does not record audio.", Blocks: true));
        }
        return new VehicleVerdict(reasons);
    }

    private static string D(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
