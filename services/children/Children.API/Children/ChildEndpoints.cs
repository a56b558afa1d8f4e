using Intervention.ServiceDefaults.Http;
using Children.API.Infrastructure;
using Children.API.Returns903;
using Intervention.Directions;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Children.API.Children;

/// <summary>The children's records: each endpoint validates, loads, asks <see cref="Child"/> or <see cref="ChildEpisodes"/> to decide, and saves.</summary>
public static class ChildEndpoints
{
    public static IEndpointRouteBuilder MapChildren(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/children").WithTags("Children");
        group.MapPost("/", Record).WithName("RecordChild")
            .WithSummary("Record a child; answers the id and the pseudonymous reference other services will see")
            .WithDescription("409 child-already-recorded when the local identifier is known.");
        group.MapGet("/{id:guid}", Get).WithName("GetChild").RequireAccess(Access.Personal)
            .WithSummary("A child's record: identity, header values and episodes (child-level: the children's service only)");
        group.MapPost("/{id:guid}/episodes", RecordEpisode).WithName("RecordEpisode")
            .WithSummary("Record a new 903 episode; S publishes ChildBecameLookedAfter, a placement change PlacementChanged")
            .WithDescription("A continuation episode (L, P, T, B, U) ends the open episode the day it starts with REC X1. "
                             + "409 not-looked-after for a continuation without an open episode, already-looked-after for S while an episode is open, "
                             + "episode-before-current when it starts before the open episode. "
                             + "An out-of-authority residential placement is sent to governance's decision register.");
        group.MapPut("/{id:guid}/stovewood", MarkStovewood).WithName("MarkStovewood")
            .WithSummary("Record whether the child is linked to the Operation Stovewood investigation (their care is claimed separately); later " +
                "events carry it");
        group.MapPost("/{id:guid}/episodes/current/end", EndCare).WithName("EndCare")
            .WithSummary("End the period of care: closes the open episode with a reason and publishes ChildCeasedToBeLookedAfter");
        return app;
    }

    private static async Task<Results<Created<ChildRecorded>, ValidationProblem, ProblemHttpResult>> Record(
        RecordChildRequest request, ChildrenDb db, ChildReferences references, TimeProvider clock, CancellationToken ct)
    {
        if (ChildRequests.Errors(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "The child cannot be recorded");
        var known = await db.Set<Child>().AnyAsync(child => child.LocalId == request.LocalId, ct);
        var decided = Child.Record(request, known, await references.OfAsync(request.LocalId!, ct), clock.GetUtcNow());
        if (decided.Refused is { } broken) return broken.AsProblem();
        var (recorded, header) = decided.Changes!;
        db.AddRange(recorded, header);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/children/{recorded.Id}", new ChildRecorded(recorded.Id, recorded.Ref));
    }

    private static async Task<Results<Ok<ChildDetail>, NotFound>> Get(
        Guid id, string? purpose, ChildrenDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var child = await db.Set<Child>().AsNoTracking().FirstOrDefaultAsync(found => found.Id == id, ct);
        if (child is null) return TypedResults.NotFound();
        // Reads of child-level records are audited.
        await db.RecordReadAsync(http, "child record", $"/api/children/{id}", purpose ?? "child record viewed", clock, ct);
        var header = await db.Set<HeaderRecord>().AsNoTracking().Where(row => row.Child == child.LocalId)
            .OrderBy(row => row.CollectionYear == null).ThenByDescending(row => row.CollectionYear).FirstOrDefaultAsync(ct);
        var episodes = ChildEpisodes.OnePerStart(await StoredEpisodes(db, child.LocalId).AsNoTracking().ToListAsync(ct));
        return TypedResults.Ok(new ChildDetail(child.Id, child.LocalId, child.Ref, child.Stovewood,
            header?.Sex, header is null ? null : CodeLists.Date(header.Dob), header?.Ethnic, header?.Upn,
            [.. episodes.Select(episode => new EpisodeDetail(episode.Id, episode.DecomOn, episode.Rne, episode.Ls, episode.Cin, episode.Place,
                episode.PlaceProvider, episode.DecOn, episode.Rec, episode.WeeklyCost, episode.CollectionYear))]));
    }

    private static async Task<Results<Created<EpisodeRecorded>, NotFound, ValidationProblem, ProblemHttpResult>> RecordEpisode(
        Guid id, RecordEpisodeRequest request, ChildrenDb db, TimeProvider clock, PlacementDecisions decisions, CancellationToken ct)
    {
        if (ChildRequests.Errors(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "The episode cannot be recorded");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await LockedEpisodesAsync(db, id, ct) is not { } episodes) return TypedResults.NotFound();
        // The Directions are read only when the placement could be a decision for the register.
        var directions = decisions.IsOutOfAuthorityResidential(request.PlacementType!, request.PlacementPostcode)
            ? await db.AuthorityAssignments.AsNoTracking().ToListAsync(ct)
            : [];
        var now = clock.GetUtcNow();
        var decided = episodes.Record(request, decisions, directions, now);
        if (decided.Refused is { } broken) return broken.AsProblem();
        var recording = decided.Changes!;
        db.Add(recording.Episode);
        if (recording.BecameLookedAfter is { } entered) db.AddEvent(entered, now);
        if (recording.PlacementChanged is { } changed) db.AddEvent(changed, now);
        if (recording.Decision is { } decision) db.AddEvent(decision, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/children/{id}", recording.Answer());
    }

    private static async Task<Results<Ok<ChildRecorded>, NotFound, ValidationProblem>> MarkStovewood(
        Guid id, StovewoodRequest request, ChildrenDb db, CancellationToken ct)
    {
        if (request.Linked is not { } linked)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["linked"] = ["is required: true or false"] });
        var child = await db.Set<Child>().FirstOrDefaultAsync(found => found.Id == id, ct);
        if (child is null) return TypedResults.NotFound();
        child.Stovewood = linked;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ChildRecorded(child.Id, child.Ref));
    }

    private static async Task<Results<Ok<EpisodeRecorded>, NotFound, ValidationProblem, ProblemHttpResult>> EndCare(
        Guid id, EndCareRequest request, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        if (ChildRequests.Errors(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "The period of care cannot be ended");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await LockedEpisodesAsync(db, id, ct) is not { } episodes) return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        var decided = episodes.End(request.EndedOn!.Value, request.ReasonEpisodeCeased!, now);
        if (decided.Refused is { } broken) return broken.AsProblem();
        db.AddEvent(decided.Changes!.Ceased, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(decided.Changes.Answer());
    }

    /// <summary>
    /// The child, locked (one change to a child's care at a time), with the stored copies of their latest episode: all
    /// that recording or ending an episode decides over, in two statements whatever the length of the child's history.
    /// </summary>
    private static async Task<ChildEpisodes?> LockedEpisodesAsync(ChildrenDb db, Guid id, CancellationToken ct)
    {
        var child = (await db.Set<Child>().FromSql($"SELECT * FROM children WHERE id = {id} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
        if (child is null) return null;
        var latest = StoredEpisodes(db, child.LocalId)
            .Where(episode => episode.DecomOn == StoredEpisodes(db, child.LocalId).Max(other => other.DecomOn));
        return new ChildEpisodes(child, await latest.ToListAsync(ct));
    }

    private static IQueryable<EpisodeRecord> StoredEpisodes(ChildrenDb db, string localId) =>
        db.Set<EpisodeRecord>().Where(episode => episode.Child == localId && episode.DecomOn != null);
}
