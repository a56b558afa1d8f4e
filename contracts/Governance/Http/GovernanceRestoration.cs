using Intervention.Contracts.Http;

namespace Intervention.Contracts.Governance.Http;

/// <summary>The four tests a function must pass before Commissioners recommend its return to the council.</summary>
public enum ReturnTest
{
    /// <summary>The service operates at a good enough level with no significant value-for-money deficit.</summary>
    GoodEnoughService,
    /// <summary>Good enough officer leadership, with definitions of service quality and plans for further improvement.</summary>
    OfficerLeadership,
    /// <summary>Service quality assured by a peer review or equivalent activity directed by Commissioners.</summary>
    QualityAssured,
    /// <summary>Councillors are in a position to exercise executive authority over the function.</summary>
    CouncillorsReady,
}

/// <summary>Where a function's return stands.</summary>
public enum ReturnStage
{
    /// <summary>Commissioners recommended the return to the Secretary of State.</summary>
    Recommended,
    /// <summary>The Secretary of State's department is minded to return it; representations are open until their closing date.</summary>
    MindedTo,
    /// <summary>New Directions returned the function.</summary>
    Returned,
}

/// <summary>An assessment of one of the four tests for a function.</summary>
public sealed record AssessReturnTestRequest
{
    /// <summary>The test assessed.</summary>
    public ReturnTest? Test { get; init; }
    /// <summary>The assessment.</summary>
    public Rag? Rag { get; init; }
    /// <summary>The evidence the assessment rests on.</summary>
    public string? Evidence { get; init; }
    /// <summary>Who assessed it, e.g. the lead Commissioner.</summary>
    public string? Assessor { get; init; }
    /// <summary>When it was assessed (ISO 8601 with offset); the instant it is recorded when absent.</summary>
    public DateTimeOffset? AssessedAt { get; init; }
}

/// <summary>One recorded assessment of a test. Assessments are never overwritten: a new one is appended.</summary>
/// <param name="Id">The assessment's id.</param>
/// <param name="Function">The function's code.</param>
/// <param name="Test">The test assessed.</param>
/// <param name="Rag">The assessment.</param>
/// <param name="Evidence">The evidence.</param>
/// <param name="Assessor">Who assessed it.</param>
/// <param name="AssessedAt">When it was assessed.</param>
/// <param name="RecordedAt">When governance recorded it.</param>
public sealed record ReturnTestAssessment(Guid Id, string Function, ReturnTest Test, Rag Rag, string Evidence, string Assessor, DateTimeOffset AssessedAt,
    DateTimeOffset RecordedAt);

/// <summary>Commissioners' recommendation to return a function.</summary>
public sealed record RecommendReturnRequest
{
    /// <summary>The date of the recommendation (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? RecommendedOn { get; init; }
    /// <summary>Who recommended it, e.g. the lead Commissioner.</summary>
    public string? RecommendedBy { get; init; }
}

/// <summary>The Secretary of State's department is minded to return the function, and invites representations.</summary>
public sealed record MindedToRequest
{
    /// <summary>The date of the "minded to" decision.</summary>
    public DateOnly? MindedToOn { get; init; }
    /// <summary>The department that recorded it, e.g. <c>MHCLG</c>.</summary>
    public string? Department { get; init; }
    /// <summary>The last day representations can be made.</summary>
    public DateOnly? RepresentationsCloseOn { get; init; }
}

/// <summary>A representation made about a proposed return.</summary>
public sealed record RepresentationRequest
{
    /// <summary>The date it was received; on or before the closing date.</summary>
    public DateOnly? ReceivedOn { get; init; }
    /// <summary>Who made it.</summary>
    public string? From { get; init; }
    /// <summary>What it said.</summary>
    public string? Summary { get; init; }
}

/// <summary>The new Directions that return the function and close the process.</summary>
public sealed record CloseReturnRequest
{
    /// <summary>The Directions' id in the register; they must assign the function to an authority other than the Commissioners.</summary>
    public Guid? DirectionsId { get; init; }
}

/// <summary>A representation as recorded.</summary>
/// <param name="ReceivedOn">The date it was received.</param>
/// <param name="From">Who made it.</param>
/// <param name="Summary">What it said.</param>
/// <param name="RecordedAt">When governance recorded it.</param>
public sealed record Representation(DateOnly ReceivedOn, string From, string Summary, DateTimeOffset RecordedAt);

/// <summary>A function's road back to the council: recommendation, "minded to", representations, new Directions.</summary>
public sealed record FunctionReturn
{
    /// <summary>The process's id.</summary>
    public required Guid Id { get; init; }
    /// <summary>The function's code.</summary>
    public required string Function { get; init; }
    /// <summary>The latest step taken.</summary>
    public required ReturnStage Stage { get; init; }
    /// <summary>The date Commissioners recommended the return.</summary>
    public required DateOnly RecommendedOn { get; init; }
    /// <summary>Who recommended it.</summary>
    public required string RecommendedBy { get; init; }
    /// <summary>The date of the "minded to" decision, once made.</summary>
    public DateOnly? MindedToOn { get; init; }
    /// <summary>The department that made it.</summary>
    public string? MindedToBy { get; init; }
    /// <summary>The last day representations can be made.</summary>
    public DateOnly? RepresentationsCloseOn { get; init; }
    /// <summary>Representations received.</summary>
    public required IReadOnlyList<Representation> Representations { get; init; }
    /// <summary>The Directions that returned the function, once issued.</summary>
    public Guid? ReturnedByDirectionsId { get; init; }
    /// <summary>When the process was closed by those Directions.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>A function's standing against the four tests, and its return so far.</summary>
public sealed record FunctionRestoration
{
    /// <summary>The function's code.</summary>
    public required string Function { get; init; }
    /// <summary>Who holds it now.</summary>
    public Authority? HeldBy { get; init; }
    /// <summary>The latest assessment of each test; a test not yet assessed is absent.</summary>
    public required IReadOnlyList<ReturnTestAssessment> Latest { get; init; }
    /// <summary>The tests whose latest assessment is not Green (or that were never assessed).</summary>
    public required IReadOnlyList<ReturnTest> NotGreen { get; init; }
    /// <summary>Every assessment, newest first.</summary>
    public required IReadOnlyList<ReturnTestAssessment> History { get; init; }
    /// <summary>Returns started for this function, newest first.</summary>
    public required IReadOnlyList<FunctionReturn> Returns { get; init; }
}

/// <summary>A quarterly review date and whether its <c>ReviewDue</c> was announced.</summary>
/// <param name="ReviewDate">The review date.</param>
/// <param name="Announced">True once <c>ReviewDue</c> was published for it.</param>
/// <param name="AnnouncedAt">When it was announced.</param>
/// <param name="Functions">The functions Commissioners held when it was announced.</param>
public sealed record QuarterlyReview(DateOnly ReviewDate, bool Announced, DateTimeOffset? AnnouncedAt, IReadOnlyList<string>? Functions);
