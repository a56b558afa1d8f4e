namespace Intervention.Contracts.Governance;

/// <summary>Who a Directions gives a council function to.</summary>
public enum Authority
{
    /// <summary>The Commissioners appointed by the Secretaries of State.</summary>
    Commissioners,
    /// <summary>The council's Cabinet (executive).</summary>
    Cabinet,
    /// <summary>Full council or one of its regulatory committees, such as the Licensing Board.</summary>
    Council,
    /// <summary>A named officer under delegated powers.</summary>
    Officer,
}

/// <summary>How Commissioners oversee a function returned to the council.</summary>
public enum Oversight
{
    /// <summary>No Commissioner oversight.</summary>
    None,
    /// <summary>Commissioners advise; the authority decides.</summary>
    Advice,
    /// <summary>A key decision is not effective until a Commissioner signs it off.</summary>
    Veto,
}

/// <summary>One function assigned by a Directions.</summary>
public sealed record FunctionAssignment
{
    /// <summary>The function's code from the functions register, e.g. <c>licensing</c>.</summary>
    public required string Function { get; init; }
    /// <summary>Who holds the function from the Directions' effective instant.</summary>
    public required Authority Authority { get; init; }
    /// <summary>Commissioner oversight over the holder.</summary>
    public required Oversight Oversight { get; init; }
}
