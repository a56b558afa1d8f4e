using System.ComponentModel.DataAnnotations;

namespace Intervention.Contracts.Licensing.Http;

/// <summary>The kinds of dated check on a driver's file that the fitness engine reads.</summary>
public enum DriverCheckKind
{
    /// <summary>An enhanced DBS certificate (with <c>bothBarredLists</c> and <c>onBarredList</c>).</summary>
    Dbs,
    /// <summary>A check of the DBS update service.</summary>
    UpdateServiceCheck,
    /// <summary>Safeguarding and child sexual exploitation awareness training completed.</summary>
    SafeguardingTraining,
    /// <summary>The BTEC level 2 qualification awarded.</summary>
    BtecLevel2,
    /// <summary>A knowledge test attempt (with <c>passed</c>).</summary>
    KnowledgeTest,
    /// <summary>A Group 2 medical (with <c>passed</c>: fit or not).</summary>
    Medical,
    /// <summary>A check of the DVLA driving record.</summary>
    DvlaCheck,
    /// <summary>A search of the national register of refusals and revocations (with <c>registerMatch</c>).</summary>
    RegisterSearch,
    /// <summary>Information received from the police (with <c>summary</c>).</summary>
    PoliceIntelligence,
    /// <summary>The driver reported an arrest, charge or conviction (with <c>happenedOn</c> and <c>summary</c>).</summary>
    SelfReport,
}

/// <summary>The offence categories of the convictions policy (Institute of Licensing, 2018). The names are the API's codes.</summary>
public enum OffenceCategory
{
    /// <summary>Crimes resulting in death.</summary>
    CausingDeath,
    /// <summary>Exploitation, including child sexual exploitation.</summary>
    Exploitation,
    /// <summary>Sexual and indecency offences.</summary>
    SexualOffence,
    /// <summary>Offences of violence.</summary>
    Violence,
    /// <summary>Possession of drugs with intent to supply, or supplying them.</summary>
    DrugsSupply,
    /// <summary>Dishonesty offences.</summary>
    Dishonesty,
    /// <summary>Possession of a weapon.</summary>
    Weapons,
    /// <summary>Offences motivated by discrimination.</summary>
    Discrimination,
    /// <summary>Major traffic offences (e.g. dangerous driving).</summary>
    MajorTraffic,
    /// <summary>Drink or drug driving: its period counts from the later of the sentence end and the ban end.</summary>
    DrinkDrugDriving,
    /// <summary>Offences under the taxi and private hire legislation.</summary>
    TaxiOffence,
    /// <summary>Possession of drugs.</summary>
    DrugsPossession,
    /// <summary>Using a hand-held phone while driving.</summary>
    HandHeldPhone,
    /// <summary>Minor traffic offences bringing seven or more points.</summary>
    MinorTrafficPoints,
}

/// <summary>What a fitness check concludes, in the order of precedence: a hearing beats not fit, which beats fit.</summary>
public enum FitnessOutcome
{
    /// <summary>Nothing stands in the way: an officer may grant.</summary>
    Fit,
    /// <summary>A requirement anyone can check has failed (a check missing or overdue, training late).</summary>
    NotFit,
    /// <summary>Something needs a decision-maker's judgement: an officer cannot grant and the case goes to a hearing.</summary>
    NeedsHearing,
}

/// <summary>One finding of a fitness check.</summary>
/// <param name="Code">A stable kebab-case code, e.g. <c>conviction-inside-period</c>.</param>
/// <param name="Sentence">The finding in plain words, with its dates.</param>
/// <param name="NeedsJudgement">True when only a hearing can weigh it; false for a mechanical requirement.</param>
public sealed record FitnessReason(string Code, string Sentence, bool NeedsJudgement);

/// <summary>
/// A new driver's application, optionally with the records already on file and a licence granted before this system
/// (<c>POST /api/drivers</c>).
/// </summary>
/// <param name="Name">The driver's full name.</param>
/// <param name="DateOfBirth">The driver's date of birth.</param>
/// <param name="LicenceType">The driver licence applied for: <c>HackneyCarriage</c> or <c>PrivateHire</c>.</param>
/// <param name="Address">The driver's address.</param>
/// <param name="NiNumber">The National Insurance number.</param>
/// <param name="DrivingLicenceNumber">The DVLA driving licence number.</param>
/// <param name="AppliedOn">The day of the application; today when absent.</param>
/// <param name="ExistingLicence">A licence granted before this system, carried over.</param>
/// <param name="Checks">Dated checks already on file: at most 200.</param>
/// <param name="Convictions">Convictions already on file: at most 100.</param>
public sealed record NewDriver(
    string? Name, DateOnly? DateOfBirth, LicenceType? LicenceType, string? Address = null, string? NiNumber = null, string? DrivingLicenceNumber = null,
    DateOnly? AppliedOn = null, ExistingGrant? ExistingLicence = null, [property: MaxLength(200)] List<NewCheck>? Checks = null,
    [property: MaxLength(100)] List<NewConviction>? Convictions = null);

/// <summary>A licence granted before this system, carried over as it was (no fitness check then: the audit re-checks it).</summary>
/// <param name="GrantedOn">The day it was granted.</param>
/// <param name="TermMonths">Its term in months; the standard term when absent.</param>
public sealed record ExistingGrant(DateOnly? GrantedOn, int? TermMonths = null);

/// <summary>A conviction: an offence category code from the policy table and its dates.</summary>
/// <param name="Category">The policy's offence category, e.g. <c>Violence</c>.</param>
/// <param name="ConvictedOn">The day of conviction.</param>
/// <param name="SentenceEndsOn">The day the sentence ends; absent when it ended on conviction (a fine, a discharge).</param>
/// <param name="BanEndsOn">The day a driving ban ends (drink or drug driving).</param>
/// <param name="Offence">The offence as the court recorded it.</param>
public sealed record NewConviction(string? Category, DateOnly? ConvictedOn, DateOnly? SentenceEndsOn = null, DateOnly? BanEndsOn = null,
    string? Offence = null);

/// <summary>A dated check; which fields apply depends on its kind.</summary>
/// <param name="Kind">The kind of check.</param>
/// <param name="On">The day of the check.</param>
/// <param name="Passed">Knowledge test or medical: whether it was passed.</param>
/// <param name="BothBarredLists">DBS: whether both barred lists were checked.</param>
/// <param name="OnBarredList">DBS: whether the driver is on a barred list.</param>
/// <param name="RegisterMatch">National register search: whether it matched.</param>
/// <param name="HappenedOn">Police intelligence or self-report: the day of what is reported.</param>
/// <param name="Summary">Police intelligence or self-report: what is reported.</param>
public sealed record NewCheck(DriverCheckKind? Kind, DateOnly? On, bool? Passed = null, bool? BothBarredLists = null, bool? OnBarredList = null,
    bool? RegisterMatch = null, DateOnly? HappenedOn = null, string? Summary = null);

/// <summary>A driver just recorded, with the reference of the licence applied for.</summary>
/// <param name="Id">The driver's id.</param>
/// <param name="LicenceReference">The licence's reference, e.g. <c>PH-000001</c>.</param>
public sealed record DriverCreated(Guid Id, string LicenceReference);

/// <summary>A driver's personal record (every read is audited).</summary>
/// <param name="Id">The driver's id.</param>
/// <param name="Name">The driver's full name.</param>
/// <param name="DateOfBirth">The date of birth.</param>
/// <param name="Address">The address.</param>
/// <param name="NiNumber">The National Insurance number.</param>
/// <param name="DrivingLicenceNumber">The DVLA driving licence number.</param>
/// <param name="Licences">The references of the driver's licences.</param>
/// <param name="Convictions">The convictions on file.</param>
/// <param name="Checks">The dated checks on file.</param>
public sealed record DriverDetail(Guid Id, string Name, DateOnly DateOfBirth, string? Address, string? NiNumber, string? DrivingLicenceNumber,
    IReadOnlyList<string> Licences, IReadOnlyList<ConvictionView> Convictions, IReadOnlyList<CheckView> Checks);

/// <summary>A conviction on a driver's file.</summary>
/// <param name="Id">The conviction's id.</param>
/// <param name="Category">The policy's offence category.</param>
/// <param name="ConvictedOn">The day of conviction.</param>
/// <param name="SentenceEndsOn">The day the sentence ends, if after conviction.</param>
/// <param name="BanEndsOn">The day a driving ban ends.</param>
/// <param name="Offence">The offence as the court recorded it.</param>
public sealed record ConvictionView(Guid Id, OffenceCategory Category, DateOnly ConvictedOn, DateOnly? SentenceEndsOn, DateOnly? BanEndsOn, string? Offence);

/// <summary>A dated check on a driver's file.</summary>
/// <param name="Id">The check's id.</param>
/// <param name="Kind">The kind of check.</param>
/// <param name="On">The day of the check.</param>
/// <param name="Passed">Knowledge test or medical: whether it was passed.</param>
/// <param name="BothBarredLists">DBS: whether both barred lists were checked.</param>
/// <param name="OnBarredList">DBS: whether the driver is on a barred list.</param>
/// <param name="RegisterMatch">National register search: whether it matched.</param>
/// <param name="HappenedOn">Police intelligence or self-report: the day of what is reported.</param>
/// <param name="Summary">Police intelligence or self-report: what is reported.</param>
public sealed record CheckView(Guid Id, DriverCheckKind Kind, DateOnly On, bool? Passed, bool? BothBarredLists, bool? OnBarredList, bool? RegisterMatch,
    DateOnly? HappenedOn, string? Summary);

/// <summary>A driver's fitness on a day, with every reason found.</summary>
/// <param name="DriverId">The driver's id.</param>
/// <param name="At">The day the standards were applied at.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="OfficerMayGrant">True only when fit: an officer may grant.</param>
/// <param name="Reasons">Every finding, whatever the outcome.</param>
public sealed record FitnessAnswer(Guid DriverId, DateOnly At, FitnessOutcome Outcome, bool OfficerMayGrant, IReadOnlyList<FitnessReason> Reasons);

/// <summary>The id of a record just added to a driver's file (a conviction, a check).</summary>
/// <param name="Id">The record's id.</param>
public sealed record RecordCreated(Guid Id);
