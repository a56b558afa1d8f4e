namespace Licensing.API.Licences;

/// <summary>What is licensed: a driver (hackney carriage or private hire), a vehicle, or an operator.</summary>
public enum LicenceKind
{
    Driver,
    Vehicle,
    Operator,
}

/// <summary>The standard terms in years, bindable from <c>Licensing:Terms</c>; defaults from DOMAIN.md.</summary>
public sealed class LicenceTermsOptions
{
    public const string Section = "Licensing:Terms";

    public int DriverYears { get; set; } = 3;
    public int VehicleYears { get; set; } = 1;
    public int OperatorYears { get; set; } = 5;
}

/// <summary>
/// How long a licence runs: drivers 3 years, vehicles 1, operators 5. A shorter term is allowed only with a recorded reason;
/// a longer one never. Terms are counted in months so that a shorter term can be less than a year.
/// </summary>
public sealed class LicenceTerms(LicenceTermsOptions? options = null)
{
    private readonly LicenceTermsOptions _options = options ?? new();

    /// <summary>The standard term of a kind of licence, in months.</summary>
    public int StandardMonths(LicenceKind kind) => 12 * kind switch
    {
        LicenceKind.Driver => _options.DriverYears,
        LicenceKind.Vehicle => _options.VehicleYears,
        LicenceKind.Operator => _options.OperatorYears,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of licence."),
    };

    /// <summary>
    /// What a grant's term must satisfy: positive, no longer than the standard term, and when shorter a recorded reason.
    /// Field name -> the rules it breaks; empty when valid. <paramref name="termMonths"/> null means the standard term.
    /// </summary>
    public Dictionary<string, string[]> Validate(LicenceKind kind, int? termMonths, string? shorterTermReason)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(kind))
        {
            errors["kind"] = [$"must be one of: {string.Join(", ", Enum.GetNames<LicenceKind>())}"];
            return errors;
        }
        var standard = StandardMonths(kind);
        if (termMonths is not { } months) return errors;
        if (months <= 0) errors["termMonths"] = ["must be a positive number of months"];
        else if (months > standard) errors["termMonths"] = [$"must not exceed the standard {kind} term of {standard} months"];
        else if (months < standard && string.IsNullOrWhiteSpace(shorterTermReason))
            errors["shorterTermReason"] = [$"is required: a term shorter than the standard {standard} months needs a recorded reason"];
        return errors;
    }

    /// <summary>
    /// The last day a licence is in force: the day before the anniversary of the grant <paramref name="termMonths"/> on
    /// (granted 1 July 2015 for 36 months: in force through 30 June 2018, expired on 1 July 2018). When the anniversary
    /// falls short of the grant's day of month (granted 29 February, 31 August), the licence runs to the end of that month.
    /// </summary>
    public static DateOnly ExpiresOn(DateOnly grantedOn, int termMonths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(termMonths);
        var anniversary = grantedOn.AddMonths(termMonths);
        return anniversary.Day < grantedOn.Day ? anniversary : anniversary.AddDays(-1);
    }

    /// <summary>Whether a licence granted on <paramref name="grantedOn"/> for <paramref name="termMonths"/> is in force on <paramref name="on"/>
    /// (from the grant day through <see cref="ExpiresOn"/>).</summary>
    public static bool IsInForce(DateOnly grantedOn, int termMonths, DateOnly on) => on >= grantedOn && on <= ExpiresOn(grantedOn, termMonths);
}
