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
        // "Looked after" is the Children Act's past participle (ChildBecameLookedAfter, ChildCeasedToBeLookedAfter).
        "After",
    };

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

    [Fact]
    public void Every_event_has_a_Guid_EventId_and_a_DateTimeOffset_OccurredAt()
    {
        Assert.All(Events(), e =>
        {
            Assert.Equal(typeof(Guid), e.GetProperty("EventId")!.PropertyType);
            Assert.Equal(typeof(DateTimeOffset), e.GetProperty("OccurredAt")?.PropertyType);
        });
    }

    [Fact]
    public void Every_event_is_named_in_the_past_tense()
    {
        Assert.All(Events(), e =>
            Assert.True(e.Name.EndsWith("ed", StringComparison.Ordinal) || IrregularPastTense.Contains(LastWord(e.Name)),
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
