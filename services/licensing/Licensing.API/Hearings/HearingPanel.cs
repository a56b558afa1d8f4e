using Intervention.Contracts.Governance;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Intervention.ServiceDefaults;

namespace Licensing.API.Hearings;

/// <summary>The names of the decision-makers, bindable from <c>Licensing:Panel</c>.</summary>
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
    /// What is wrong with a panel's members, by field (<c>members[3].name</c>): a name is required (at most 200 characters),
    /// appears once (ignoring case and spaces around it), and an interest is at most 2000 characters. One pass over a set of
    /// the names seen: comparing each member with every earlier one cost 11 s of CPU for 30,000 members.
    /// </summary>
    public static Dictionary<string, string[]> MemberProblems(IReadOnlyList<NewMember> members)
    {
        var problems = new Dictionary<string, string[]>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < members.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(members[i].Name) || members[i]
                .Name!.Length > 200) problems[$"members[{i}].name"] = ["is required, at most 200 characters"];
            else if (!names.Add(members[i].Name!.Trim())) problems[$"members[{i}].name"] = ["is already a member of this panel"];
            if (members[i].Interest is { Length: > 2000 }) problems[$"members[{i}].interest"] = ["must be at most 2000 characters"];
        }
        return problems;
    }

    /// <summary>Why a hearing cannot be held on <paramref name="heldOn"/> for a licence applied for on <paramref name="appliedOn"/>; null when it
    /// can.</summary>
    public static string? HeldBeforeApplication(DateOnly heldOn, DateOnly appliedOn) =>
        heldOn < appliedOn ? $"must not be before the licence was applied for ({appliedOn:yyyy-MM-dd})" : null;

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
