namespace Finance.API.Forecast;

/// <summary>A placement type's weekly unit cost.</summary>
public sealed class UnitCost
{
    public string Description { get; set; } = "";
    public decimal Weekly { get; set; }
}

/// <summary>
/// Finance's own weekly unit cost per 903 placement type (section <c>Forecast:UnitCosts</c>, keyed by code), not the
/// cost band an event carries: the forecast must rest on figures finance owns and can defend. The defaults are
/// illustrative, chosen to be of the order of 2016-18 costs; a council sets its own.
/// </summary>
public sealed class UnitCosts
{
    public const string Section = "Forecast:UnitCosts";

    public string Source { get; set; } = "Illustrative weekly unit costs (finance configuration defaults, not published figures)";

    public Dictionary<string, UnitCost> Types { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A3"] = new() { Description = "Placed for adoption with consent, with current foster carer", Weekly = 200m },
        ["A4"] = new() { Description = "Placed for adoption with consent, not with current foster carer", Weekly = 200m },
        ["A5"] = new() { Description = "Placed for adoption with placement order, with current foster carer", Weekly = 200m },
        ["A6"] = new() { Description = "Placed for adoption with placement order, not with current foster carer", Weekly = 200m },
        ["H5"] = new() { Description = "Semi-independent living accommodation not subject to children's homes regulations", Weekly = 1_100m },
        ["K1"] = new() { Description = "Secure children's home", Weekly = 6_000m },
        ["K2"] = new() { Description = "Children's home subject to children's homes regulations (residential)", Weekly = 3_500m },
        ["K3"] = new() { Description = "Residential care home or registered residential school", Weekly = 3_200m },
        ["P1"] = new() { Description = "Placed with own parent(s) or other person(s) with parental responsibility", Weekly = 100m },
        ["P2"] = new() { Description = "Independent living, e.g. in a flat, lodgings, bedsit or hostel", Weekly = 300m },
        ["P3"] = new() { Description = "Residential employment", Weekly = 300m },
        ["R1"] = new() { Description = "Residential care home", Weekly = 3_200m },
        ["R2"] = new() { Description = "NHS or health trust establishment providing medical or nursing care", Weekly = 1_500m },
        ["R3"] = new() { Description = "Family centre or mother and baby unit", Weekly = 2_500m },
        ["R5"] = new() { Description = "Young offender institution or prison", Weekly = 0m },
        ["S1"] = new() { Description = "All residential schools, except where dual-registered as a school and children's home", Weekly = 3_000m },
        ["T0"] = new() { Description = "Temporary placement (all types)", Weekly = 600m },
        ["T1"] = new() { Description = "Temporary periods in hospital", Weekly = 0m },
        ["T2"] = new() { Description = "Temporary absences of the child on holiday", Weekly = 0m },
        ["T3"] = new() { Description = "Temporary accommodation whilst normal foster carer is on holiday", Weekly = 450m },
        ["T4"] = new() { Description = "Temporary accommodation of seven days or less, for any reason not covered by T1 to T3", Weekly = 600m },
        ["U1"] = new() { Description = "Foster placement with relative or friend, long-term fostering", Weekly = 250m },
        ["U2"] = new() { Description = "Foster placement with relative or friend who is also an approved adopter (FFA/concurrent)", Weekly = 250m },
        ["U3"] = new() { Description = "Foster placement with relative or friend, not long-term or FFA/concurrent", Weekly = 250m },
        ["U4"] = new() { Description = "Foster placement with other foster carer, long-term fostering", Weekly = 450m },
        ["U5"] = new() { Description = "Foster placement with other foster carer who is also an approved adopter (FFA/concurrent)", Weekly = 450m },
        ["U6"] = new() { Description = "Foster placement with other foster carer, not long-term or FFA/concurrent", Weekly = 450m },
        ["Z1"] = new() { Description = "Other placements", Weekly = 500m },
    };

    public UnitCost? Find(string placementType) => Types.GetValueOrDefault(placementType.Trim());
}
