namespace Intervention.Contracts.Children.Http;

/// <summary>
/// One dated version of the reference data the 903 rules read besides the return: the postcode lookup (each postcode's local
/// authority and grid reference) or Ofsted's provider list (each URN's provider). A version is never changed: a new upload
/// is a new version, and a validation reads the latest version dated on or before its day.
/// </summary>
/// <param name="Id">The version's id.</param>
/// <param name="Kind"><c>postcodes</c> or <c>providers</c>.</param>
/// <param name="AsAt">The day the list describes (<c>YYYY-MM-DD</c>), as the children's team gave it.</param>
/// <param name="UploadedAt">When it was uploaded.</param>
/// <param name="Rows">Rows kept: every data row of the file.</param>
/// <param name="Sha256">The file's SHA-256 (hex): the same file uploaded again for the same day is this version, not another.</param>
public sealed record ReferenceDataVersion(Guid Id, string Kind, DateOnly AsAt, DateTimeOffset UploadedAt, int Rows, string Sha256);

/// <summary>Every version of the reference data, newest day first within each kind.</summary>
/// <param name="Versions">The versions.</param>
public sealed record ReferenceDataVersions(IReadOnlyList<ReferenceDataVersion> Versions);
