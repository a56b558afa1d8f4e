using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.ServiceDefaults;

namespace Licensing.API.Hearings;

/// <summary>The names of the decision-makers, bindable from <c>Licensing:Hearings</c>.</summary>
public sealed class HearingPanelOptions
{
    public const string Section = "Licensing:Panel";

    /// <summary>How a hearing decided by the Commissioners is named in the record and the decision register.</summary>
    public string CommissionersName { get; set; } = "Commissioners (licensing)";
    /// <summary>The council's committee that hears licensing cases when the council holds the function.</summary>
    public string CouncilName { get; set; } = "Licensing Board";
    public string CabinetName { get; set; } = "Cabinet";
    public string OfficerName { get; set; } = "Licensing officer under delegated powers";
}

/// <summary>Who decides a hearing and who takes part; and the registers a decision reaches.</summary>
public sealed class HearingPanel(HearingPanelOptions? options = null)
{
    private readonly HearingPanelOptions _options = options ?? new();

    /// <summary>The licensing function's code in the functions register.</summary>
    public const string Function = "licensing";

    public string DecisionMakerName(Authority authority) => authority switch
    {
        Authority.Commissioners => _options.CommissionersName,
        Authority.Council => _options.CouncilName,
        Authority.Cabinet => _options.CabinetName,
        _ => _options.OfficerName,
    };

    /// <summary>
    /// The instant at which a hearing held on a day sits, for reading the Directions and for the decision register: the
    /// start of that London day, so that Directions taking effect from a midnight govern every hearing of that day.
    /// </summary>
    public static DateTimeOffset SittingAt(DateOnly heldOn)
    {
        var local = heldOn.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, CouncilTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A refusal, suspension or revocation on safeguarding or road-safety grounds goes to the national register.</summary>
    public static bool GoesToNationalRegister(HearingOutcome outcome, DecisionGrounds grounds) =>
        outcome is HearingOutcome.Refusal or HearingOutcome.Suspension or HearingOutcome.Revocation &&
        grounds is DecisionGrounds.Safeguarding or DecisionGrounds.RoadSafety;

    /// <summary>National register entries are kept 11 years from the decision.</summary>
    public static DateOnly KeepRegisterEntryUntil(DateOnly decidedOn) => decidedOn.AddYears(11);
}
