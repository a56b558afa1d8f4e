using Intervention.Contracts.Governance;
using Intervention.Contracts.Http;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;

namespace Governance.API.Restoration;

/// <summary>A step on a function's road back to the council.</summary>
public enum ReturnStep
{
    Recommend,
    MindedTo,
    Representation,
    Close,
}

/// <summary>
/// The rules of the return of functions. Pure: assessments and stages in, verdicts out. A function
/// is recommended for return only when the latest assessment of each of the four tests is Green; the
/// steps then follow in order: recommendation, "minded to", representations until their closing date,
/// and new Directions that give the function to someone other than the Commissioners.
/// </summary>
public static class ReturnRules
{
    public const string FourTestsNotGreen = "four-tests-not-green";
    public const string NotHeldByCommissioners = "function-not-held-by-commissioners";
    public const string ReturnInProgress = "return-already-in-progress";
    public const string MindedToNeedsRecommendation = "minded-to-follows-recommendation";
    public const string MindedToAlreadyRecorded = "minded-to-already-recorded";
    public const string MindedToBeforeRecommendation = "minded-to-not-before-recommendation";
    public const string RepresentationsNeedMindedTo = "representations-follow-minded-to";
    public const string RepresentationsClosed = "representations-closed";
    public const string DirectionsNeedMindedTo = "directions-follow-minded-to";
    public const string RepresentationsStillOpen = "representations-still-open";
    public const string DirectionsDoNotReturnFunction = "directions-do-not-return-the-function";
    public const string ReturnClosed = "return-already-closed";

    /// <summary>The latest assessment of each test: the latest assessed, and between two assessed at the same instant the later recorded.</summary>
    public static IReadOnlyDictionary<ReturnTest, T> Latest<T>(
        IEnumerable<T> assessments, Func<T, ReturnTest> test, Func<T, DateTimeOffset> assessedAt, Func<T, DateTimeOffset> recordedAt) =>
        assessments
            .GroupBy(test)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(assessedAt).ThenByDescending(recordedAt).First());

    /// <summary>
    /// The tests that stop a recommendation: those whose latest assessment is not Green, and those never assessed, in the order of the four tests.
    /// </summary>
    public static IReadOnlyList<ReturnTest> NotGreen(IReadOnlyDictionary<ReturnTest, Rag> latest) =>
        Enum.GetValues<ReturnTest>().Where(t => !latest.TryGetValue(t, out var rag) || rag != Rag.Green).ToList();

    /// <summary>
    /// The rule a step breaks when the return is at <paramref name="stage"/> (null: no return started, or the last one closed); null when the step may
    /// follow.
    /// </summary>
    public static string? StepRefusal(ReturnStep step, ReturnStage? stage) => (step, stage) switch
    {
        (ReturnStep.Recommend, null or ReturnStage.Returned) => null,
        (ReturnStep.Recommend, _) => ReturnInProgress,
        (ReturnStep.MindedTo, ReturnStage.Recommended) => null,
        (ReturnStep.MindedTo, ReturnStage.MindedTo) => MindedToAlreadyRecorded,
        (ReturnStep.MindedTo, _) => MindedToNeedsRecommendation,
        (ReturnStep.Representation, ReturnStage.MindedTo) => null,
        (ReturnStep.Representation, _) => RepresentationsNeedMindedTo,
        (ReturnStep.Close, ReturnStage.MindedTo) => null,
        (ReturnStep.Close, _) => DirectionsNeedMindedTo,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>A representation can be recorded up to and including the closing date.</summary>
    public static bool RepresentationInTime(DateOnly receivedOn, DateOnly closesOn) => receivedOn <= closesOn;

    /// <summary>New Directions close a return only when issued after representations closed.</summary>
    public static bool DirectionsAfterRepresentations(
        DateOnly directionsIssuedOn, DateOnly representationsCloseOn) => directionsIssuedOn > representationsCloseOn;

    /// <summary>True when the Directions assign <paramref name="function"/> to an authority other than the Commissioners.</summary>
    public static bool Returns(IEnumerable<FunctionAssignment> directionsAssignments, string function) =>
        directionsAssignments.Any(a => a.Function == function && a.Authority != Authority.Commissioners);

    /// <summary>
    /// The rule broken by assessing or recommending <paramref name="function"/> when <paramref name="holder"/> (now) is not the Commissioners.
    /// </summary>
    public static Refusal? NotHeldByCommissionersNow(string function, AuthorityAssignment? holder) =>
        holder?.Authority == Authority.Commissioners
            ? null
            : Refusal.ByRule(NotHeldByCommissioners,
                $"'{function}' is held by {(holder is null ? "no authority named by any Directions" : holder.Authority.ToString())} now: " +
                "only a function Commissioners hold can be assessed for return.");

    /// <summary>The codes of the functions Commissioners hold at <paramref name="at"/>, in the order of the register.</summary>
    public static IReadOnlyList<string> HeldByCommissioners(IReadOnlyCollection<AuthorityAssignment> assignments, DateTimeOffset at) =>
        CouncilFunctions.All
            .Where(f => DirectionsInForce.HolderOf(assignments, f.Code, at)?.Authority == Authority.Commissioners)
            .Select(f => f.Code)
            .ToList();
}
