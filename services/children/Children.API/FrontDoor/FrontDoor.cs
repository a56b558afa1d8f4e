using Children.API.Infrastructure;
using Intervention.Contracts.Licensing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.FrontDoor;

/// <summary>A contact at the children's front door, waiting to be worked (Open) or worked (Closed) with a note.</summary>
public sealed class FrontDoorContact
{
    public Guid Id { get; init; }
    /// <summary>Where it came from, e.g. <c>licensing</c>.</summary>
    public required string Source { get; init; }
    public required string LicenceReference { get; init; }
    public required string LicenceType { get; init; }
    public Guid DecisionId { get; init; }
    public required string Outcome { get; init; }
    public DateOnly DecidedOn { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public bool Immediate { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Status { get; set; } = "Open";
    public string? WorkedBy { get; set; }
    public DateTimeOffset? WorkedAt { get; set; }
    public string? Note { get; set; }
}

internal sealed class FrontDoorContactConfiguration : IEntityTypeConfiguration<FrontDoorContact>
{
    public void Configure(EntityTypeBuilder<FrontDoorContact> b) => b.ToTable("front_door_contacts");
}

/// <summary>
/// Takes licensing's safeguarding concerns into the front door (queue <c>children-safeguarding-concern-raised</c>).
/// The decision's id keys the contact, so the same concern twice is one contact.
/// </summary>
public sealed class SafeguardingConcernRaisedConsumer(ChildrenDb db, TimeProvider clock, ILogger<SafeguardingConcernRaisedConsumer> logger) : IConsumer<SafeguardingConcernRaised>
{
    public async Task Consume(ConsumeContext<SafeguardingConcernRaised> context)
    {
        var m = context.Message;
        if (await db.Set<FrontDoorContact>().AnyAsync(c => c.DecisionId == m.DecisionId, context.CancellationToken))
        {
            logger.LogInformation("Safeguarding concern for decision {DecisionId} is already at the front door", m.DecisionId);
            return;
        }
        db.Add(new FrontDoorContact
        {
            Id = m.EventId, Source = "licensing", LicenceReference = m.LicenceReference, LicenceType = m.LicenceType.ToString(), DecisionId = m.DecisionId,
            Outcome = m.Outcome.ToString(), DecidedOn = m.DecidedOn, EffectiveOn = m.EffectiveOn, Immediate = m.Immediate, ReceivedAt = clock.GetUtcNow(),
        });
        logger.LogInformation("Safeguarding concern about licence {Licence} ({Outcome}) at the front door", m.LicenceReference, m.Outcome);
    }
}

public static class FrontDoorEndpoints
{
    public static IEndpointRouteBuilder MapFrontDoor(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/front-door").WithTags("Front door");
        group.MapGet("/", List).WithName("FrontDoorQueue").WithSummary("The front-door queue, oldest first (status=Open or Closed; all when absent)");
        group.MapPost("/{id:guid}/worked", Work).WithName("WorkContact").WithSummary("Close a contact with who worked it and what was done");
        return app;
    }

    private static async Task<Results<Ok<List<FrontDoorContactView>>, ValidationProblem>> List(string? status, ChildrenDb db, CancellationToken ct)
    {
        if (status is not (null or "Open" or "Closed"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be Open or Closed"] });
        var query = db.Set<FrontDoorContact>().AsNoTracking();
        if (status is not null) query = query.Where(c => c.Status == status);
        return TypedResults.Ok((await query.OrderBy(c => c.ReceivedAt).ToListAsync(ct)).Select(c => c.ToView()).ToList());
    }

    private static async Task<Results<Ok<FrontDoorContactView>, NotFound, ValidationProblem, ProblemHttpResult>> Work(
        Guid id, WorkContactRequest request, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.WorkedBy) || string.IsNullOrWhiteSpace(request.Note))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.WorkedBy) ? "workedBy" : "note"] = ["is required"],
            });
        var contact = await db.Set<FrontDoorContact>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return TypedResults.NotFound();
        if (contact.Status == "Closed")
            return Intervention.ServiceDefaults.Http.RuleBroken.Conflict("contact-already-worked", $"Worked by {contact.WorkedBy} at {contact.WorkedAt:O}.");
        contact.Status = "Closed";
        contact.WorkedBy = request.WorkedBy;
        contact.WorkedAt = clock.GetUtcNow();
        contact.Note = request.Note;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(contact.ToView());
    }

    private static FrontDoorContactView ToView(this FrontDoorContact c) => new(c.Id, c.Source, c.LicenceReference, c.LicenceType, c.DecisionId, c.Outcome,
        c.DecidedOn, c.EffectiveOn, c.Immediate, c.ReceivedAt, c.Status, c.WorkedBy, c.WorkedAt, c.Note);
}
