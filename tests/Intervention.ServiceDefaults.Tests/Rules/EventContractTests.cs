namespace Intervention.ServiceDefaults.Tests.Rules;

using System.Reflection;
using Intervention.Contracts.Governance;

/// <summary>
/// Events are <c>&lt;Subject&gt;&lt;PastTense&gt;</c> records in <c>Intervention.Contracts.&lt;Portfolio&gt;</c>,
/// each with an <c>EventId</c> (also the message id consumers dedupe on) and an <c>OccurredAt</c>.
/// </summary>
public class EventContractTests
{
    /// <summary>Irregular past participles an event's name may end with instead of "-ed".</summary>
    private static readonly HashSet<string> IrregularPastTense = new(StringComparer.Ordinal)
    {
        "Made", "Taken", "Held", "Sent", "Set", "Paid", "Heard", "Given", "Withdrawn", "Written", "Begun", "Met",
        "Found", "Brought", "Laid", "Put", "Read", "Run", "Won", "Lost", "Left", "Struck", "Drawn", "Upheld",
        // A state the subject has come into ("a review fell due"): issue 4 names the event ReviewDue.
        "Due",
        // "A child became looked after": issue 6 names it so, with its complement after the verb.
        "Became",
    };

    /// <summary>The verb of names whose complement follows it (<c>ChildCeasedToBeLookedAfter</c>): the first past-tense word after the subject.</summary>
    private static bool HasPastTenseVerb(string name) =>
        System.Text.RegularExpressions.Regex.Matches(name, "[A-Z][a-z]*").Skip(1).Any(w => w.Value.EndsWith("ed", StringComparison.Ordinal) || IrregularPastTense.Contains(w.Value));

    private static readonly string[] PortfolioNamespaces =
        Enum.GetNames<Portfolio>().Select(p => $"Intervention.Contracts.{p}").ToArray();

    private static bool IsRecordClass(Type type) =>
        type.IsClass && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static IReadOnlyList<Type> Events() =>
        typeof(DirectionsIssued).Assembly.GetExportedTypes()
            .Where(t => PortfolioNamespaces.Contains(t.Namespace) && IsRecordClass(t) && t.GetProperty("EventId") is not null)
            .ToList();

    private static string LastWord(string pascalCase)
    {
        var start = pascalCase.Length - 1;
        while (start > 0 && !char.IsUpper(pascalCase[start])) start--;
        return pascalCase[start..];
    }

    [Fact]
    public void DirectionsIssued_is_an_event()
    {
        Assert.Contains(typeof(DirectionsIssued), Events());
    }

    /// <summary>
    /// A record with an <c>EventId</c> that forgot the interface would be missed by the outbox's and integrations' generic
    /// constraints and by <see cref="Intervention.Contracts.EventAudiences.Events"/>: this finds it by reflection, once, here.
    /// </summary>
    [Fact]
    public void Every_event_is_an_IIntegrationEvent_so_the_compiler_checks_its_EventId_and_OccurredAt()
    {
        Assert.NotEmpty(Events());
        Assert.All(Events(), e => Assert.True(typeof(Intervention.Contracts.IIntegrationEvent).IsAssignableFrom(e), $"{e.Name} is not an IIntegrationEvent"));
        Assert.Equal(Events().Select(e => e.FullName).Order(), Intervention.Contracts.EventAudiences.Events.Select(e => e.FullName).Order());
    }

    [Fact]
    public void Every_event_is_named_in_the_past_tense()
    {
        Assert.All(Events(), e =>
            Assert.True(e.Name.EndsWith("ed", StringComparison.Ordinal) || IrregularPastTense.Contains(LastWord(e.Name)) || HasPastTenseVerb(e.Name),
                $"{e.FullName} is not named <Subject><PastTense>"));
    }

    [Theory]
    [InlineData("DirectionsIssued", "Issued")]
    [InlineData("DecisionTaken", "Taken")]
    [InlineData("HearingHeld", "Held")]
    public void The_last_word_of_an_event_name_is_its_verb(string name, string verb)
    {
        Assert.Equal(verb, LastWord(name));
    }
}
