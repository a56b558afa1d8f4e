using Intervention.ServiceDefaults.Http;
using Children.API.Returns903;
using Intervention.Contracts.Children;
using Intervention.Contracts.Governance;
using Intervention.Directions;
using Intervention.ServiceDefaults;

namespace Children.API.Children;

/// <summary>
/// A child's period of care as loaded: every stored copy of their episodes (the live record and the rows of each return
/// that carried one), seen as one episode per start date. Recording a new episode and ending care are decided here,
/// over that state, with no database: the answers are the rows to add or change and the events to publish.
/// </summary>
public sealed class ChildEpisodes
{
    private readonly List<EpisodeRecord> _stored;

    /// <param name="child">The child.</param>
    /// <param name="stored">
    /// The child's stored episode rows (tracked, so that ending one is saved): every one, or only the copies of the latest
    /// episode, which is all that <see cref="Record"/> and <see cref="End"/> decide over.
    /// </param>
    public ChildEpisodes(Child child, IEnumerable<EpisodeRecord> stored)
    {
        Child = child;
        _stored = [.. stored];
        InOrder = OnePerStart(_stored);
    }

    public Child Child { get; }

    /// <summary>The episodes in order, one per start date (a live record before an imported one, a later return before an earlier).</summary>
    public IReadOnlyList<EpisodeRecord> InOrder { get; }

    /// <summary>The latest episode, open or ended.</summary>
    public EpisodeRecord? Current => InOrder.LastOrDefault();

    /// <summary>The episode the child is looked after in now, or null when they are not looked after.</summary>
    public EpisodeRecord? Open => Current is { Dec: "" } current ? current : null;

    /// <summary>One row per start date: a live record before an imported one, a later return before an earlier.</summary>
    public static IReadOnlyList<EpisodeRecord> OnePerStart(IEnumerable<EpisodeRecord> stored) =>
        [.. stored.Where(episode => episode.DecomOn != null)
            .GroupBy(episode => episode.DecomOn)
            .Select(copies => copies.OrderBy(copy => copy.CollectionYear != null).ThenByDescending(copy => copy.CollectionYear).First())
            .OrderBy(episode => episode.DecomOn)];

    /// <summary>
    /// Records a new 903 episode from a validated request. S starts a period of care (refused while one is open:
    /// <c>already-looked-after</c>); any other reason continues the open episode (refused without one: <c>not-looked-after</c>)
    /// and ends it the day the new one starts with REC X1. A new episode never starts on or before the latest one, nor before
    /// the last period of care ended (<c>episode-before-current</c>, rule 501). Starting care publishes ChildBecameLookedAfter,
    /// a placement change PlacementChanged; either, when the placement is out-of-authority residential, is also a decision
    /// for governance's register (DecisionRecorded), taken by whoever approved it or else by whoever held the function then.
    /// </summary>
    /// <param name="request">The validated request.</param>
    /// <param name="decisions">Which placements are decisions for the register.</param>
    /// <param name="directions">This service's copy of the Directions (needed only for an out-of-authority residential placement).</param>
    /// <param name="now">The instant of recording.</param>
    public Decision<EpisodeRecording> Record(
        RecordEpisodeRequest request, PlacementDecisions decisions, IReadOnlyCollection<AuthorityAssignment> directions, DateTimeOffset now)
    {
        var startedOn = request.StartedOn!.Value;
        var reason = request.ReasonForNewEpisode!;
        var open = Open;
        if (RefusalToStart(startedOn, reason, open) is { } broken) return broken;

        var moved = open is not null && PlacementDecisions.IsPlacementChange(reason);
        var ended = open is null ? [] : EndCopies(open, startedOn, "X1", moved ? request.ReasonForPlacementChange : null);
        var episode = new EpisodeRecord
        {
            Child = Child.LocalId, RowNo = 0, Decom = CodeLists.Format(startedOn), DecomOn = startedOn, Rne = reason,
            Ls = request.LegalStatus!, Cin = request.CategoryOfNeed!, Place = request.PlacementType!, PlaceProvider = request.PlacementProvider ?? "",
            HomePost = request.HomePostcode ?? "", PlPost = request.PlacementPostcode ?? "", Urn = request.Urn ?? "", WeeklyCost = request.WeeklyCost,
        };
        var band = PlacementDecisions.CostBand(request.WeeklyCost);
        var entered = reason == "S" ? BecameLookedAfter(episode, band, now) : null;
        var changed = moved ? PlacementChanged(episode, open!, band, now) : null;
        var decision = (entered is not null || moved) && decisions.IsOutOfAuthorityResidential(episode.Place, request.PlacementPostcode)
            ? PlacementDecision(request, episode, band, directions, now)
            : null;
        return new EpisodeRecording(Child, episode, ended, moved, entered, changed, decision);
    }

    /// <summary>
    /// Ends the period of care on <paramref name="endedOn"/> for <paramref name="reason"/> (a 903 REC other than X1): every
    /// stored copy of the open episode ends, and ChildCeasedToBeLookedAfter is published. Refused without an open episode
    /// (<c>not-looked-after</c>) and before the open episode began (<c>ends-before-it-starts</c>, rule 356).
    /// </summary>
    public Decision<CareEnding> End(DateOnly endedOn, string reason, DateTimeOffset now)
    {
        if (Open is not { } open) return Refusal.ByRule("not-looked-after", "The child has no open episode to end.");
        if (endedOn < open.DecomOn)
            return Refusal.ByRule("ends-before-it-starts", $"The open episode started on {open.DecomOn:yyyy-MM-dd} (rule 356).");
        var ended = EndCopies(open, endedOn, reason, null);
        var ceased = new ChildCeasedToBeLookedAfter
        {
            EventId = Guid.CreateVersion7(now), OccurredAt = now, ChildRef = Child.Ref, CeasedOn = endedOn, ReasonEpisodeCeased = reason,
            LastPlacementType = open.Place, Stovewood = Child.Stovewood,
        };
        return new CareEnding(Child, open, ended, ceased);
    }

    private Refusal? RefusalToStart(DateOnly startedOn, string reason, EpisodeRecord? open)
    {
        var current = Current;
        if (current is not null && startedOn <= current.DecomOn)
            return Refusal.ByRule("episode-before-current",
                $"The child's latest episode started on {current.DecomOn:yyyy-MM-dd}; a new one must start after it.");
        if (current?.DecOn is { } lastEnded && startedOn < lastEnded)
            return Refusal.ByRule("episode-before-current",
                $"The child's last period of care ended on {lastEnded:yyyy-MM-dd}; a new one cannot start before it (rule 501).");
        if (reason == "S" && open is not null)
            return Refusal.ByRule("already-looked-after",
                $"The child is looked after in an episode open since {open.DecomOn:yyyy-MM-dd}: a change is a continuation episode (L, P, T, B, U), not S.");
        if (reason != "S" && open is null)
            return Refusal.ByRule("not-looked-after", "A continuation episode needs an open episode to continue: the child is not looked after. Start with S.");
        return null;
    }

    /// <summary>Every stored copy of the open episode (a live record, or the rows of each return that carried it) ends on the day.</summary>
    private List<EpisodeRecord> EndCopies(EpisodeRecord open, DateOnly endedOn, string reason, string? reasonForPlacementChange)
    {
        var copies = _stored.Where(copy => copy.DecomOn == open.DecomOn && copy.Dec == "").ToList();
        foreach (var copy in copies)
        {
            copy.Dec = CodeLists.Format(endedOn);
            copy.DecOn = endedOn;
            copy.Rec = reason;
            if (reasonForPlacementChange is not null) copy.ReasonPlaceChange = reasonForPlacementChange;
        }
        return copies;
    }

    private ChildBecameLookedAfter BecameLookedAfter(EpisodeRecord episode, string? band, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, ChildRef = Child.Ref, StartedOn = episode.DecomOn!.Value, LegalStatus = episode.Ls,
        PlacementType = episode.Place, PlacementProvider = episode.PlaceProvider, WeeklyCostBand = band, Stovewood = Child.Stovewood,
    };

    private PlacementChanged PlacementChanged(EpisodeRecord episode, EpisodeRecord previous, string? band, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, ChildRef = Child.Ref, ChangedOn = episode.DecomOn!.Value,
        PreviousPlacementType = previous.Place, PlacementType = episode.Place, PlacementProvider = episode.PlaceProvider,
        LegalStatus = episode.Ls, WeeklyCostBand = band, Stovewood = Child.Stovewood,
    };

    private static DecisionRecorded PlacementDecision(RecordEpisodeRequest request, EpisodeRecord episode, string? band,
        IReadOnlyCollection<AuthorityAssignment> directions, DateTimeOffset now)
    {
        var startedOn = episode.DecomOn!.Value;
        var decidedAt = request.ApprovedBy?.DecidedAt?.ToUniversalTime() ?? LondonMidnight(startedOn);
        var holder = DirectionsInForce.HolderOf(directions, PlacementDecisions.Function, decidedAt);
        var district = PlacementDecisions.District(request.PlacementPostcode);
        return new DecisionRecorded
        {
            EventId = Guid.CreateVersion7(now), OccurredAt = now, DecisionId = Guid.CreateVersion7(now), SourceService = "children",
            Function = PlacementDecisions.Function, DecidedAt = decidedAt,
            Authority = request.ApprovedBy?.Authority ?? holder?.Authority ?? Authority.Officer,
            DeciderName = request.ApprovedBy?.Name ?? "Director of Children's Services",
            // DecisionRecorded is public: the summary never names the child (the decision id links it back here, in EpisodeRecorded).
            Summary = $"Out-of-authority residential placement ({episode.Place}, {episode.PlaceProvider}, {district}) from {startedOn:yyyy-MM-dd}"
                      + (band is null ? "" : $", weekly cost band £{band}"),
            KeyDecision = true, CallIn = false,
        };
    }

    private static DateTimeOffset LondonMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, CouncilTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>A new episode decided: the row to add, the stored rows it ended, and the events to publish.</summary>
/// <param name="Child">The child.</param>
/// <param name="Episode">The new episode's row (its id is the database's, known once saved).</param>
/// <param name="Ended">The stored copies of the open episode, ended the day the new one starts.</param>
/// <param name="Moved">Whether the episode changed the child's placement.</param>
/// <param name="BecameLookedAfter">Published when the episode starts a period of care (S).</param>
/// <param name="PlacementChanged">Published when a continuation episode moves the child.</param>
/// <param name="Decision">Published when the placement is a decision for governance's register.</param>
public sealed record EpisodeRecording(Child Child, EpisodeRecord Episode, IReadOnlyList<EpisodeRecord> Ended, bool Moved,
    ChildBecameLookedAfter? BecameLookedAfter, PlacementChanged? PlacementChanged, DecisionRecorded? Decision)
{
    /// <summary>The answer, once saved.</summary>
    public EpisodeRecorded Answer() => new(Episode.Id, Child.Ref, Episode.DecomOn!.Value, Episode.Rne, Episode.Ls, Episode.Place, Episode.PlaceProvider,
        PlacementDecisions.CostBand(Episode.WeeklyCost), Moved, Decision?.DecisionId);
}

/// <summary>A period of care ended: the open episode, its stored copies as ended, and the event to publish.</summary>
public sealed record CareEnding(Child Child, EpisodeRecord Open, IReadOnlyList<EpisodeRecord> Ended, ChildCeasedToBeLookedAfter Ceased)
{
    /// <summary>The answer: the episode that ended (it is still the episode the child was last placed in).</summary>
    public EpisodeRecorded Answer() => new(Open.Id, Child.Ref, Open.DecomOn!.Value, Open.Rne, Open.Ls, Open.Place, Open.PlaceProvider,
        PlacementDecisions.CostBand(Open.WeeklyCost), false, null);
}
