using Intervention.Directions;
using Intervention.ServiceDefaults;
using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.API.Restoration;

/// <summary>
/// When a quarterly review date arrives (midnight of Europe/London, read from the injected clock),
/// publishes <see cref="ReviewDue"/> through the outbox, once per date: the announcement row and the
/// event commit together, and the review date is the announcement's key, so a restart or a second
/// replica cannot announce the same date twice.
/// </summary>
public sealed class ReviewAnnouncer(IServiceScopeFactory scopes, IOptions<ReviewOptions> options, TimeProvider clock, ILogger<ReviewAnnouncer> logger)
    : BackgroundService
{
    private readonly ReviewOptions options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Repeating.EveryAsync(options.CheckEvery, clock, logger, "Could not announce the review dates that arrived; will try again", AnnounceDueAsync,
            stoppingToken);

    /// <summary>Announces every review date that has arrived and was not announced yet.</summary>
    public async Task AnnounceDueAsync(CancellationToken ct)
    {
        // To the microsecond, as PostgreSQL keeps it, so the event and the announcement record say the same instant.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var today = CouncilTime.DateOf(now);
        var dates = ReviewSchedule.Dates(options.Dates, options.Until);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDb>();
        var announced = (await db.Set<ReviewAnnouncement>().AsNoTracking().Select(a => a.ReviewDate).ToListAsync(ct)).ToHashSet();
        var due = ReviewSchedule.Due(dates, announced, today, options.CatchUpDays);
        if (due.Count == 0) return;

        // Who holds what now is the same for every date announced in this pass.
        var assignments = await db.AuthorityAssignments.AsNoTracking().Where(a => a.EffectiveFrom <= now).ToListAsync(ct);
        var functions = ReturnRules.HeldByCommissioners(assignments, now).ToList();
        foreach (var date in due)
        {
            var eventId = Guid.NewGuid();
            db.Set<ReviewAnnouncement>().Add(new ReviewAnnouncement { ReviewDate = date, EventId = eventId, AnnouncedAt = now, Functions = functions });
            db.AddEvent(new ReviewDue { EventId = eventId, OccurredAt = now, ReviewDate = date, Functions = functions }, now);
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Review of {ReviewDate:yyyy-MM-dd} announced: {Count} functions still held by Commissioners", date, functions.Count);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another replica announced it between our read and our write: announced once, as wanted.
                db.ChangeTracker.Clear();
                logger.LogInformation("Review of {ReviewDate:yyyy-MM-dd} was already announced", date);
            }
        }
    }
}
