using Governance.API.Directions;
using Intervention.Contracts.Governance;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Restoration;

/// <summary>
/// A function's return: recommendation, "minded to", representations, and the Directions that closed it. Each step is a
/// decision over the function's latest return as loaded (<c>current</c>, null when none was started): the change, or the
/// rule of <see cref="ReturnRules"/> it breaks.
/// </summary>
public sealed class ReturnProcess
{
    public Guid Id { get; init; }
    public required string Function { get; init; }
    public DateOnly RecommendedOn { get; init; }
    public required string RecommendedBy { get; init; }
    public DateTimeOffset RecommendedAt { get; init; }
    public DateOnly? MindedToOn { get; private set; }
    public string? MindedToBy { get; private set; }
    public DateOnly? RepresentationsCloseOn { get; private set; }
    public DateTimeOffset? MindedToRecordedAt { get; private set; }
    public Guid? ReturnedByDirectionsId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public List<ReturnRepresentation> Representations { get; init; } = [];

    /// <summary>The latest step taken: computed from what was recorded, never stored.</summary>
    public ReturnStage Stage => ClosedAt is not null ? ReturnStage.Returned : MindedToOn is not null ? ReturnStage.MindedTo : ReturnStage.Recommended;

    /// <summary>
    /// Commissioners recommend the return of <paramref name="function"/>: only while they hold it, with no other return open,
    /// and when the latest assessment of each of the four tests is Green.
    /// </summary>
    public static Decision<ReturnProcess> Recommend(string function, AuthorityAssignment? holder, ReturnProcess? current,
        IReadOnlyCollection<TestAssessment> assessments, RecommendReturnRequest request, DateTimeOffset now)
    {
        if (ReturnRules.NotHeldByCommissionersNow(function, holder) is { } notHeld) return notHeld;
        if (StepRefused(ReturnStep.Recommend, function, current) is { } refused) return refused;
        var latest = ReturnRules.Latest(assessments, a => a.Test, a => a.AssessedAt, a => a.RecordedAt);
        var notGreen = ReturnRules.NotGreen(latest.ToDictionary(l => l.Key, l => l.Value.Rag));
        if (notGreen.Count > 0)
        {
            var detail = string.Join("; ",
                notGreen.Select(test => latest.TryGetValue(test, out var a) ? $"{test} is {a.Rag}" : $"{test} has not been assessed"));
            return Refusal.ByRule(ReturnRules.FourTestsNotGreen,
                $"A return of '{function}' can be recommended only when all four tests are Green: {detail}.",
                new Dictionary<string, object?> { ["failingTests"] = notGreen.Select(test => test.ToString()).ToArray() });
        }
        return new ReturnProcess
        {
            Id = Guid.CreateVersion7(now),
            Function = function,
            RecommendedOn = request.RecommendedOn!.Value,
            RecommendedBy = request.RecommendedBy!.Trim(),
            RecommendedAt = now,
        };
    }

    /// <summary>The Secretary of State's department is "minded to" return the function: after the recommendation, once.</summary>
    public static Refusal? MindedTo(string function, ReturnProcess? current, MindedToRequest request, DateTimeOffset now) =>
        StepRefused(ReturnStep.MindedTo, function, current) ?? current!.RecordMindedTo(request, now);

    /// <summary>Records the "minded to" decision on this return (see <see cref="MindedTo"/>); null when recorded.</summary>
    public Refusal? RecordMindedTo(MindedToRequest request, DateTimeOffset now)
    {
        if (StepRefused(ReturnStep.MindedTo, Function, this) is { } refused) return refused;
        if (request.MindedToOn < RecommendedOn)
            return Refusal.ByRule(ReturnRules.MindedToBeforeRecommendation,
                $"The \"minded to\" decision ({request.MindedToOn:yyyy-MM-dd}) cannot precede the recommendation of {RecommendedOn:yyyy-MM-dd}.");
        MindedToOn = request.MindedToOn;
        MindedToBy = request.Department!.Trim();
        RepresentationsCloseOn = request.RepresentationsCloseOn;
        MindedToRecordedAt = now;
        return null;
    }

    /// <summary>A representation on a "minded to" return, received on or before the closing date.</summary>
    public static Decision<ReturnRepresentation> Represent(string function, ReturnProcess? current, RepresentationRequest request, DateTimeOffset now)
    {
        if (StepRefused(ReturnStep.Representation, function, current) is { } refused) return refused;
        if (!ReturnRules.RepresentationInTime(request.ReceivedOn!.Value, current!.RepresentationsCloseOn!.Value))
            return Refusal.ByRule(ReturnRules.RepresentationsClosed,
                $"Representations on the return of '{function}' closed on {current.RepresentationsCloseOn:yyyy-MM-dd}; " +
                $"this one was received {request.ReceivedOn:yyyy-MM-dd}.");
        return new ReturnRepresentation
        {
            Id = Guid.CreateVersion7(now),
            ReturnProcessId = current.Id,
            ReceivedOn = request.ReceivedOn.Value,
            MadeBy = request.From!.Trim(),
            Summary = request.Summary!.Trim(),
            RecordedAt = now,
        };
    }

    /// <summary>New Directions close the return: issued after representations closed, giving the function to someone other than the Commissioners.</summary>
    public static Refusal? Close(string function, ReturnProcess? current, IssuedDirections directions, DateTimeOffset now)
    {
        if (StepRefused(ReturnStep.Close, function, current) is { } refused) return refused;
        if (!ReturnRules.DirectionsAfterRepresentations(directions.IssuedOn, current!.RepresentationsCloseOn!.Value))
            return Refusal.ByRule(ReturnRules.RepresentationsStillOpen,
                $"The Directions were issued {directions.IssuedOn:yyyy-MM-dd}, before representations closed on {current.RepresentationsCloseOn:yyyy-MM-dd}.");
        var assigned = directions.Assignments.Select(a => new FunctionAssignment { Function = a.Function, Authority = a.Authority, Oversight = a.Oversight });
        if (!ReturnRules.Returns(assigned, function))
            return Refusal.ByRule(ReturnRules.DirectionsDoNotReturnFunction,
                $"Directions {directions.Id} do not give '{function}' to an authority other than the Commissioners.");
        current.ReturnedByDirectionsId = directions.Id;
        current.ClosedAt = now;
        return null;
    }

    private static Refusal? StepRefused(ReturnStep step, string function, ReturnProcess? current) =>
        ReturnRules.StepRefusal(step, current?.Stage) is { } rule
            ? Refusal.ByRule(rule,
                current is null ? $"No return of '{function}' has been recommended."
                    : $"The return of '{function}' is at stage {current.Stage}: rule '{rule}'.",
                new Dictionary<string, object?> { ["stage"] = current?.Stage.ToString() })
            : null;

    public FunctionReturn ToResponse() => new()
    {
        Id = Id,
        Function = Function,
        Stage = Stage,
        RecommendedOn = RecommendedOn,
        RecommendedBy = RecommendedBy,
        MindedToOn = MindedToOn,
        MindedToBy = MindedToBy,
        RepresentationsCloseOn = RepresentationsCloseOn,
        Representations = Representations.OrderBy(r => r.ReceivedOn).ThenBy(r => r.RecordedAt)
            .Select(r => new Representation(r.ReceivedOn, r.MadeBy, r.Summary, r.RecordedAt)).ToList(),
        ReturnedByDirectionsId = ReturnedByDirectionsId,
        ClosedAt = ClosedAt,
    };
}

/// <summary>A representation made while a return was "minded to".</summary>
public sealed class ReturnRepresentation
{
    public Guid Id { get; init; }
    public Guid ReturnProcessId { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public required string MadeBy { get; init; }
    public required string Summary { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class ReturnProcessConfiguration : IEntityTypeConfiguration<ReturnProcess>
{
    public void Configure(EntityTypeBuilder<ReturnProcess> b)
    {
        b.ToTable("function_returns");
        b.HasKey(r => r.Id);
        b.Ignore(r => r.Stage);
        b.HasMany(r => r.Representations).WithOne().HasForeignKey(r => r.ReturnProcessId);
    }
}

internal sealed class ReturnRepresentationConfiguration : IEntityTypeConfiguration<ReturnRepresentation>
{
    public void Configure(EntityTypeBuilder<ReturnRepresentation> b)
    {
        b.ToTable("return_representations");
        b.HasKey(r => r.Id);
    }
}
