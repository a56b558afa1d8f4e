using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;

namespace Intervention.Seeds.Rotherham;

/// <summary>
/// Rotherham's licensed drivers as the 2015 audit found them, entirely fictional: about 1,200 drivers licensed under the old
/// standards, 40% with a conviction on file and 6% in serious breach (a conviction still inside its period under the new
/// policy). Names, dates of birth and numbers are made up (NI numbers use the QQ prefix, which is never issued).
/// Each driver is generated from its index alone, so a second run can carry on where the first stopped.
/// </summary>
public static class TaxiTrade2015
{
    /// <summary>The day the audit is run as at.</summary>
    public static readonly DateOnly AuditAsAt = new(2015, 9, 1);

    private static readonly string[] Given = ["Adam", "Bilal", "Carl", "Daniel", "Ehsan", "Faisal", "Gary", "Hamid", "Imran", "Jason", "Kamran", "Lee",
        "Mohammed", "Naveed", "Owen", "Paul", "Qasim", "Ryan", "Shahid", "Tariq", "Usman", "Wayne", "Yasir", "Zahid"];
    private static readonly string[] Family = ["Ahmed", "Baker", "Clarke", "Dawson", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones", "Khan",
        "Lloyd", "Mahmood", "Naylor", "Owens", "Parkin", "Rashid", "Shaw", "Taylor", "Walker", "Wright", "Younis"];

    /// <summary>Serious: inside its period on the audit day under the new policy.</summary>
    private static readonly (string Category, int YearsBefore)[] Serious = [("Violence", 3), ("SexualOffence", 12), ("DrugsSupply", 6), ("Dishonesty", 4),
        ("DrinkDrugDriving", 2)];
    /// <summary>On file but spent under the new policy.</summary>
    private static readonly (string Category, int YearsBefore)[] Spent = [("MinorTrafficPoints", 7), ("HandHeldPhone", 8), ("Dishonesty", 9),
        ("Violence", 14), ("DrugsPossession", 6)];

    public static NewDriver Driver(int index)
    {
        var random = new Random(2015_000 + index);
        var grantedOn = new DateOnly(2012, 10, 1).AddDays(random.Next(0, 1060)); // in force on the audit day
        var checks = new List<NewCheck>
        {
            new(DriverCheckKind.Dbs, grantedOn.AddDays(-random.Next(20, 60)), BothBarredLists: true, OnBarredList: false),
            new(DriverCheckKind.RegisterSearch, grantedOn.AddDays(-random.Next(1, 14)), RegisterMatch: false),
            new(DriverCheckKind.KnowledgeTest, grantedOn.AddDays(-random.Next(30, 90)), Passed: true),
            new(DriverCheckKind.Medical, grantedOn.AddDays(-random.Next(10, 40)), Passed: true),
            new(DriverCheckKind.DvlaCheck, grantedOn.AddDays(-random.Next(1, 30))),
            new(DriverCheckKind.SafeguardingTraining, grantedOn.AddDays(random.Next(7, 300))),
            new(DriverCheckKind.BtecLevel2, grantedOn.AddDays(random.Next(7, 330))),
        };
        // About 1 in 12 has let the DBS update-service checks lapse: not fit, though nothing needs a hearing.
        var lapsed = random.Next(12) == 0;
        var lastCheck = lapsed ? AuditAsAt.AddDays(-random.Next(200, 400)) : AuditAsAt.AddDays(-random.Next(5, 150));
        if (lastCheck > grantedOn) checks.Add(new(DriverCheckKind.UpdateServiceCheck, lastCheck));

        var convictions = new List<NewConviction>();
        var roll = random.Next(100);
        if (roll < 6) convictions.Add(Conviction(Serious[random.Next(Serious.Length)], random));
        else if (roll < 40) convictions.Add(Conviction(Spent[random.Next(Spent.Length)], random));

        return new NewDriver(
            Name: $"{Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}",
            DateOfBirth: new DateOnly(1950, 1, 1).AddDays(random.Next(0, 14600)),
            LicenceType: random.Next(4) == 0 ? LicenceType.HackneyCarriage : LicenceType.PrivateHire,
            Address: $"{random.Next(1, 200)} Fictional Road, Rotherham",
            NiNumber: $"QQ{random.Next(100000, 999999)}{"ABCD"[random.Next(4)]}",
            DrivingLicenceNumber: $"FICTN{random.Next(100000, 999999)}XX9{index % 100:D2}",
            ExistingLicence: new ExistingGrant(grantedOn, 36),
            Checks: checks,
            Convictions: convictions);
    }

    private static NewConviction Conviction((string Category, int YearsBefore) kind, Random random)
    {
        var convictedOn = AuditAsAt.AddYears(-kind.YearsBefore).AddDays(-random.Next(0, 200));
        return new NewConviction(kind.Category, convictedOn, convictedOn.AddMonths(random.Next(0, 6)));
    }
}
