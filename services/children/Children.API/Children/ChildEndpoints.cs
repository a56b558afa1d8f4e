using Intervention.ServiceDefaults.Data;
using Intervention.ServiceDefaults.Security;
using Children.API.Infrastructure;
using Children.API.Returns903;
using Intervention.Contracts.Children;
using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults;
using Intervention.Directions;
using Intervention.ServiceDefaults.Http;
using Intervention.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Children.API.Children;

public static class ChildEndpoints
{
    public static IEndpointRouteBuilder MapChildren(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/children").WithTags("Children");
        group.MapPost("/", Record).WithName("RecordChild")
            .WithSummary("Record a child; answers the id and the pseudonymous reference other services will see")
            .WithDescription("409 child-already-recorded when the local identifier is known.");
        group.MapGet("/{id:guid}", Get).WithName("GetChild").RequireAccess(Access.Personal).WithSummary("A child's record: identity, header values and episodes (child-level: the children's service only)");
        group.MapPost("/{id:guid}/episodes", RecordEpisode).WithName("RecordEpisode")
            .WithSummary("Record a new 903 episode; S publishes ChildBecameLookedAfter, a placement change PlacementChanged")
            .WithDescription("A continuation episode (L, P, T, B, U) ends the open episode the day it starts with REC X1. 409 not-looked-after for a continuation without an open episode, " +
                             "already-looked-after for S while an episode is open, episode-before-current when it starts before the open episode. An out-of-authority residential placement is sent to governance's decision register.");
        group.MapPut("/{id:guid}/stovewood", MarkStovewood).WithName("MarkStovewood")
            .WithSummary("Record whether the child is linked to the Operation Stovewood investigation (their care is claimed separately); later events carry it");
        group.MapPost("/{id:guid}/episodes/current/end", EndCare).WithName("EndCare")
            .WithSummary("End the period of care: closes the open episode with a reason and publishes ChildCeasedToBeLookedAfter");
        return app;
    }

    private static async Task<Results<Created<ChildRecorded>, ValidationProblem, ProblemHttpResult>> Record(
        RecordChildRequest request, ChildrenDb db, ChildReferences references, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.LocalId) || request.LocalId.Length > 10 || request.LocalId.Trim() != request.LocalId)
            errors["localId"] = ["is required: the council's identifier, up to 10 characters without surrounding spaces"];
        if (request.Sex is null || !(Codes.SexNumeric.Contains(request.Sex) || Codes.SexLetters.Contains(request.Sex)))
            errors["sex"] = ["must be a 903 SEX code: 1 or 2 (M, F or U from 2024/25)"];
        if (request.DateOfBirth is null) errors["dateOfBirth"] = ["is required, yyyy-MM-dd"];
        if (request.Ethnicity is null || !Codes.Ethnicity.Contains(request.Ethnicity))
            errors["ethnicity"] = [$"must be a 903 ETHNIC code: {string.Join(", ", Codes.Ethnicity)}"];
        if (request.Upn is { } upn && !Codes.IsUpn(upn)) errors["upn"] = ["must be a Unique Pupil Number with its check letter, or UN1–UN5"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The child cannot be recorded");

        if (await db.Set<Child>().AnyAsync(c => c.LocalId == request.LocalId, ct))
            return RuleBroken.Conflict("child-already-recorded", $"A child with local identifier {request.LocalId} is already recorded.");
        var now = clock.GetUtcNow();
        var child = new Child { Id = Guid.CreateVersion7(now), LocalId = request.LocalId!, Ref = await references.OfAsync(request.LocalId!, ct), Stovewood = request.Stovewood, CreatedAt = now };
        db.Add(child);
        db.Add(new HeaderRecord
        {
            Child = child.LocalId, RowNo = 0, Sex = request.Sex!, Dob = Codes.Format(request.DateOfBirth!.Value), Ethnic = request.Ethnicity!,
            Upn = request.Upn ?? "",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/children/{child.Id}", new ChildRecorded(child.Id, child.Ref));
    }

    private static async Task<Results<Ok<object>, NotFound>> Get(Guid id, string? purpose, ChildrenDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var child = await db.Set<Child>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (child is null) return TypedResults.NotFound();
        // Reads of child-level records are audited.
        await db.RecordReadAsync(http, "child record", $"/api/children/{id}", purpose ?? "child record viewed", clock, ct);
        var header = await db.Set<HeaderRecord>().AsNoTracking().Where(h => h.Child == child.LocalId).OrderBy(h => h.CollectionYear == null).ThenByDescending(h => h.CollectionYear).FirstOrDefaultAsync(ct);
        var episodes = await Episodes(db, child.LocalId, ct);
        return TypedResults.Ok<object>(new
        {
            child.Id, child.LocalId, child.Ref, child.Stovewood,
            Sex = header?.Sex, DateOfBirth = header is null ? null : Codes.Date(header.Dob), Ethnicity = header?.Ethnic, Upn = header?.Upn,
            Episodes = episodes.Select(e => new
            {
                e.Id, StartedOn = e.DecomOn, ReasonForNewEpisode = e.Rne, LegalStatus = e.Ls, CategoryOfNeed = e.Cin, PlacementType = e.Place,
                PlacementProvider = e.PlaceProvider, EndedOn = e.DecOn, ReasonEpisodeCeased = e.Rec, e.WeeklyCost, e.CollectionYear,
            }),
        });
    }

    /// <summary>A child's episodes in order, one per start date (a live record before an imported one, a later return before an earlier).</summary>
    private static async Task<List<EpisodeRecord>> Episodes(ChildrenDb db, string localId, CancellationToken ct) =>
        (await db.Set<EpisodeRecord>().Where(e => e.Child == localId && e.DecomOn != null).ToListAsync(ct))
        .GroupBy(e => e.DecomOn)
        .Select(g => g.OrderBy(e => e.CollectionYear != null).ThenByDescending(e => e.CollectionYear).First())
        .OrderBy(e => e.DecomOn)
        .ToList();

    private static async Task<Results<Created<EpisodeRecorded>, NotFound, ValidationProblem, ProblemHttpResult>> RecordEpisode(
        Guid id, RecordEpisodeRequest request, ChildrenDb db, TimeProvider clock, PlacementDecisions decisions, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.StartedOn is null) errors["startedOn"] = ["is required, yyyy-MM-dd"];
        Code(errors, "reasonForNewEpisode", request.ReasonForNewEpisode, Codes.ReasonNewEpisode);
        Code(errors, "legalStatus", request.LegalStatus, Codes.LegalStatus);
        Code(errors, "categoryOfNeed", request.CategoryOfNeed, Codes.CategoryOfNeed);
        Code(errors, "placementType", request.PlacementType, Codes.Placement);
        if (request.PlacementType is { } place && !(Codes.IsTemporary(place) || place == "Z1")) Code(errors, "placementProvider", request.PlacementProvider, Codes.Provider);
        else if (request.PlacementProvider is { Length: > 0 }) errors["placementProvider"] = ["is not recorded for a temporary placement (rule 213)"];
        if (request.ReasonForPlacementChange is { } reason && !Codes.ReasonPlaceChange.Contains(reason))
            errors["reasonForPlacementChange"] = [$"must be one of: {string.Join(", ", Codes.ReasonPlaceChange)}"];
        if (request.HomePostcode is { } home && !Codes.IsPostcode(home)) errors["homePostcode"] = ["must be a UK postcode or 903 postcode sector (S60 2)"];
        if (request.PlacementPostcode is { } pl && !Codes.IsPostcode(pl)) errors["placementPostcode"] = ["must be a UK postcode or 903 postcode sector (S60 2)"];
        if (request.WeeklyCost is < 0) errors["weeklyCost"] = ["must not be negative"];
        if (request.ApprovedBy?.Name is { } name && string.IsNullOrWhiteSpace(name)) errors["approvedBy.name"] = ["must not be blank"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The episode cannot be recorded");

        var child = await db.Set<Child>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (child is null) return TypedResults.NotFound();
        var startedOn = request.StartedOn!.Value;
        var rne = request.ReasonForNewEpisode!;
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One episode recorded for a child at a time.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM children WHERE id = {id} FOR UPDATE", ct);
        var episodes = await Episodes(db, child.LocalId, ct);
        var current = episodes.LastOrDefault();
        var open = current is { Dec: "" } ? current : null;
        if (current is not null && startedOn <= current.DecomOn)
            return RuleBroken.Conflict("episode-before-current", $"The child's latest episode started on {current.DecomOn:yyyy-MM-dd}; a new one must start after it.");
        if (current?.DecOn is { } lastEnded && startedOn < lastEnded)
            return RuleBroken.Conflict("episode-before-current", $"The child's last period of care ended on {lastEnded:yyyy-MM-dd}; a new one cannot start before it (rule 501).");
        if (rne == "S" && open is not null)
            return RuleBroken.Conflict("already-looked-after", $"The child is looked after in an episode open since {open.DecomOn:yyyy-MM-dd}: a change is a continuation episode (L, P, T, B, U), not S.");
        if (rne != "S" && open is null)
            return RuleBroken.Conflict("not-looked-after", "A continuation episode needs an open episode to continue: the child is not looked after. Start with S.");

        if (open is not null)
        {
            // Every stored copy of the open episode (a live record, or the rows of each return that carried it) ends here.
            var copies = await db.Set<EpisodeRecord>().Where(e => e.Child == child.LocalId && e.DecomOn == open.DecomOn && e.Dec == "").ToListAsync(ct);
            foreach (var copy in copies)
            {
                copy.Dec = Codes.Format(startedOn);
                copy.DecOn = startedOn;
                copy.Rec = "X1";
                if (request.ReasonForPlacementChange is { } why && PlacementDecisions.IsPlacementChange(rne)) copy.ReasonPlaceChange = why;
            }
        }
        var episode = new EpisodeRecord
        {
            Child = child.LocalId, RowNo = 0, Decom = Codes.Format(startedOn), DecomOn = startedOn, Rne = rne, Ls = request.LegalStatus!, Cin = request.CategoryOfNeed!,
            Place = request.PlacementType!, PlaceProvider = request.PlacementProvider ?? "", HomePost = request.HomePostcode ?? "", PlPost = request.PlacementPostcode ?? "",
            Urn = request.Urn ?? "", WeeklyCost = request.WeeklyCost,
        };
        db.Add(episode);

        var band = PlacementDecisions.CostBand(request.WeeklyCost);
        var moved = open is not null && PlacementDecisions.IsPlacementChange(rne);
        if (rne == "S")
            db.AddEvent(new ChildBecameLookedAfter
            {
                EventId = Guid.CreateVersion7(now), OccurredAt = now, ChildRef = child.Ref, StartedOn = startedOn, LegalStatus = episode.Ls,
                PlacementType = episode.Place, PlacementProvider = episode.PlaceProvider, WeeklyCostBand = band, Stovewood = child.Stovewood,
            }, now);
        else if (moved)
            db.AddEvent(new PlacementChanged
            {
                EventId = Guid.CreateVersion7(now), OccurredAt = now, ChildRef = child.Ref, ChangedOn = startedOn, PreviousPlacementType = open!.Place,
                PlacementType = episode.Place, PlacementProvider = episode.PlaceProvider, LegalStatus = episode.Ls, WeeklyCostBand = band, Stovewood = child.Stovewood,
            }, now);

        Guid? decisionId = null;
        if ((rne == "S" || moved) && decisions.IsOutOfAuthorityResidential(episode.Place, request.PlacementPostcode))
        {
            var decidedAt = request.ApprovedBy?.DecidedAt?.ToUniversalTime() ?? LondonMidnight(startedOn);
            var holder = DirectionsInForce.HolderOf(await db.AuthorityAssignments.AsNoTracking().ToListAsync(ct), PlacementDecisions.Function, decidedAt);
            decisionId = Guid.CreateVersion7(now);
            db.AddEvent(new DecisionRecorded
            {
                EventId = Guid.CreateVersion7(now), OccurredAt = now, DecisionId = decisionId.Value, SourceService = "children",
                Function = PlacementDecisions.Function, DecidedAt = decidedAt,
                Authority = request.ApprovedBy?.Authority ?? holder?.Authority ?? Authority.Officer,
                DeciderName = request.ApprovedBy?.Name ?? "Director of Children's Services",
                // DecisionRecorded is public: the summary never names the child (the decision id links it back here, in EpisodeRecorded).
                Summary = $"Out-of-authority residential placement ({episode.Place}, {episode.PlaceProvider}, {PlacementDecisions.District(request.PlacementPostcode)}) from {startedOn:yyyy-MM-dd}" +
                          (band is null ? "" : $", weekly cost band £{band}"),
                KeyDecision = true, CallIn = false,
            }, now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/children/{id}", new EpisodeRecorded(episode.Id, child.Ref, startedOn, rne, episode.Ls, episode.Place, episode.PlaceProvider, band, moved, decisionId));
    }

    private static async Task<Results<Ok<ChildRecorded>, NotFound, ValidationProblem>> MarkStovewood(Guid id, StovewoodRequest request, ChildrenDb db, CancellationToken ct)
    {
        if (request.Linked is not { } linked)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["linked"] = ["is required: true or false"] });
        var child = await db.Set<Child>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (child is null) return TypedResults.NotFound();
        child.Stovewood = linked;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ChildRecorded(child.Id, child.Ref));
    }

    private static async Task<Results<Ok<EpisodeRecorded>, NotFound, ValidationProblem, ProblemHttpResult>> EndCare(
        Guid id, EndCareRequest request, ChildrenDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.EndedOn is null) errors["endedOn"] = ["is required, yyyy-MM-dd"];
        if (request.ReasonEpisodeCeased is not { } rec || !Codes.ReasonEpisodeCeased.Contains(rec) || rec == "X1")
            errors["reasonEpisodeCeased"] = ["must be a 903 REC code other than X1 (a new episode ends the previous one with X1)"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The period of care cannot be ended");
        var child = await db.Set<Child>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (child is null) return TypedResults.NotFound();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM children WHERE id = {id} FOR UPDATE", ct);
        var open = (await Episodes(db, child.LocalId, ct)).LastOrDefault() is { Dec: "" } e ? e : null;
        if (open is null) return RuleBroken.Conflict("not-looked-after", "The child has no open episode to end.");
        var endedOn = request.EndedOn!.Value;
        if (endedOn < open.DecomOn) return RuleBroken.Conflict("ends-before-it-starts", $"The open episode started on {open.DecomOn:yyyy-MM-dd} (rule 356).");
        var now = clock.GetUtcNow();
        foreach (var copy in await db.Set<EpisodeRecord>().Where(x => x.Child == child.LocalId && x.DecomOn == open.DecomOn && x.Dec == "").ToListAsync(ct))
        {
            copy.Dec = Codes.Format(endedOn);
            copy.DecOn = endedOn;
            copy.Rec = request.ReasonEpisodeCeased!;
        }
        db.AddEvent(new ChildCeasedToBeLookedAfter
        {
            EventId = Guid.CreateVersion7(now), OccurredAt = now, ChildRef = child.Ref, CeasedOn = endedOn, ReasonEpisodeCeased = request.ReasonEpisodeCeased!,
            LastPlacementType = open.Place, Stovewood = child.Stovewood,
        }, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new EpisodeRecorded(open.Id, child.Ref, open.DecomOn!.Value, open.Rne, open.Ls, open.Place, open.PlaceProvider,
            PlacementDecisions.CostBand(open.WeeklyCost), false, null));
    }

    private static void Code(Dictionary<string, string[]> errors, string field, string? value, HashSet<string> codes)
    {
        if (value is null || !codes.Contains(value)) errors[field] = [$"must be a 903 code: {string.Join(", ", codes)}"];
    }

    private static DateTimeOffset LondonMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, CouncilTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
