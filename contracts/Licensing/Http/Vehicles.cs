namespace Intervention.Contracts.Licensing.Http;

/// <summary>A vehicle's application: registration, first registration date, write-off history and CCTV certificate.</summary>
/// <param name="Registration">The registration mark.</param>
/// <param name="FirstRegisteredOn">The day it was first registered.</param>
/// <param name="InsuranceWriteOff">Whether it was ever an insurance write-off.</param>
/// <param name="CctvCertifiedOn">The day its CCTV installation was certified.</param>
/// <param name="CctvRecordsVideo">Whether the CCTV records video.</param>
/// <param name="CctvRecordsAudio">Whether the CCTV records audio.</param>
/// <param name="AppliedOn">The day of the application; today when absent.</param>
public sealed record NewVehicle(string? Registration, DateOnly? FirstRegisteredOn, bool? InsuranceWriteOff, DateOnly? CctvCertifiedOn = null,
    bool? CctvRecordsVideo = null, bool? CctvRecordsAudio = null, DateOnly? AppliedOn = null);

/// <summary>An operator's application.</summary>
/// <param name="Name">The operator's name.</param>
/// <param name="AppliedOn">The day of the application; today when absent.</param>
public sealed record NewOperator(string? Name, DateOnly? AppliedOn = null);

/// <summary>A licence applied for (a vehicle or an operator).</summary>
/// <param name="Id">The licence's id.</param>
/// <param name="LicenceReference">The licence's reference.</param>
public sealed record LicenceApplied(Guid Id, string LicenceReference);
