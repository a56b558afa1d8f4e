using Intervention.Directions;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Messaging;
using Intervention.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Decisions;

/// <summary>
/// Takes a reported decision into the register: the one path for <c>POST /api/decisions</c> and for
/// <see cref="DecisionRecorded"/> from the broker. Idempotent by the decision's id. The caller holds the
/// transaction and saves: the decision, its check and any <see cref="DecisionValidityQuestioned"/> commit together.
/// </summary>
public static class DecisionRegister
{
    /// <summary>The rule a second report under an existing id with different facts breaks.</summary>
    public const string IdReusedRule = "decision-id-reused";

    public abstract record Recording;
    /// <summary>New in the register, checked against the Directions; <paramref name="Questioned"/> is published when the check questions it.</summary>
    public sealed record Recorded(Decision Decision, DecisionValidityQuestioned? Questioned) : Recording;
    /// <summary>The register already holds this very decision: nothing changed.</summary>
    public sealed record AlreadyRecorded(Decision Decision) : Recording;
    /// <summary>The register holds a different decision under this id.</summary>
    public sealed record IdReused(Decision Existing, IReadOnlyList<string> Differences) : Recording
    {
        public string Detail => $"Decision {Existing.Id} is already in the register with a different {string.Join(", ", Differences)}; " +
                                "a decision's facts never change: report a new decision under a new id.";

        public Refusal Refused => Refusal.ByRule(IdReusedRule, Detail);
    }

    /// <summary>
    /// The decision over what the register holds: <paramref name="existing"/> under the reported id (null when none) and the
    /// assignments of its function up to its instant. Pure: a new decision is checked and stamped with <paramref name="now"/>.
    /// </summary>
    /// <param name="existing">The register's decision under the reported id, or null.</param>
    /// <param name="reported">The decision as reported (see <see cref="DecisionRules.ToDecision"/>).</param>
    /// <param name="register">The assignments of its function that took effect at or before its instant.</param>
    /// <param name="now">When the register takes it.</param>
    public static Recording Record(Decision? existing, Decision reported, IEnumerable<AuthorityAssignment> register, DateTimeOffset now)
    {
        if (existing is not null)
            return existing.DifferencesFrom(reported) is { Count: > 0 } differences ? new IdReused(existing, differences) : new AlreadyRecorded(existing);
        var check = DecisionValidity.Check(reported, register);
        reported.Apply(check, now);
        return new Recorded(reported, check.IsQuestioned ? DecisionReview.Questioned(reported, now) : null);
    }

    /// <summary>Loads what <see cref="Record"/> decides over, inside the caller's transaction, and adds the changes to it.</summary>
    /// <param name="db">The register, inside the caller's transaction.</param>
    /// <param name="reported">The decision as reported (see <see cref="DecisionRules.ToDecision"/>).</param>
    /// <param name="now">When the register takes it.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Recording> RecordAsync(GovernanceDb db, Decision reported, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Record decisions inside a transaction, so that Directions recorded meanwhile re-check them.");
        // Directions writers hold SHARE ROW EXCLUSIVE on directions while they re-check decisions; SHARE waits
        // for them and they for us, so a decision is checked either before or after Directions, never between.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE directions IN SHARE MODE", ct);

        var existing = await db.Set<Decision>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == reported.Id, ct);
        var register = existing is not null ? [] : await db.AuthorityAssignments.AsNoTracking()
            .Where(a => a.Function == reported.Function && a.EffectiveFrom <= reported.DecidedAt)
            .ToListAsync(ct);
        var recording = Record(existing, reported, register, now);
        if (recording is Recorded recorded)
        {
            db.Set<Decision>().Add(recorded.Decision);
            if (recorded.Questioned is { } questioned) db.AddEvent(questioned, now);
        }
        return recording;
    }
}
