using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Intervention.Bench;

/// <summary>
/// Looked-after children for placement changes: each recorded and brought into care (<c>S</c>) once, then moved
/// (<c>P</c>) a day later each time. A child is lent to one change at a time, so that its changes never race each
/// other for the "after the open episode" rule; a change whose child is still busy waits for a free one.
/// </summary>
public sealed class Placements(HttpClient children, string run)
{
    private static readonly DateOnly FirstDay = new(2017, 4, 1);
    private readonly ConcurrentQueue<(Guid Id, int Day)> _free = new();

    /// <summary>A change as answered: the child's reference and the day of the move identify its event in the outbox.</summary>
    public sealed record Change(string ChildRef, string ChangedOn, DateTime AnsweredAt, bool Ok);

    public int Free => _free.Count;

    public async Task RecordChildrenAsync(int count, int concurrency = 8)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i <= count)
            {
                var localId = $"{run[..4]}{i:D6}";
                using var created = await children.PostAsJsonAsync("api/children", new { localId, sex = "1", dateOfBirth = "2009-05-04", ethnicity = "WBRI" });
                created.EnsureSuccessStatusCode();
                var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                using var inCare = await children.PostAsJsonAsync($"api/children/{id}/episodes", Episode("S", FirstDay));
                inCare.EnsureSuccessStatusCode();
                _free.Enqueue((id, 1));
            }
        }));
    }

    /// <summary>Moves a free child; null when every child is busy with an earlier change.</summary>
    public async Task<Change?> MoveAsync()
    {
        if (!_free.TryDequeue(out var child)) return null;
        var on = FirstDay.AddDays(child.Day);
        try
        {
            using var response = await children.PostAsJsonAsync($"api/children/{child.Id}/episodes", Episode("P", on));
            var answeredAt = DateTime.UtcNow;
            if (!response.IsSuccessStatusCode) return new Change("", "", answeredAt, false);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new Change(body.GetProperty("childRef").GetString()!, on.ToString("yyyy-MM-dd"), answeredAt, true);
        }
        catch (HttpRequestException)
        {
            return new Change("", "", DateTime.UtcNow, false);
        }
        finally
        {
            _free.Enqueue((child.Id, child.Day + 1));
        }
    }

    // K2 and U3 in turn, so every change is a real move between two placement types finance costs.
    private static object Episode(string reason, DateOnly on) => new
    {
        startedOn = on.ToString("yyyy-MM-dd"),
        reasonForNewEpisode = reason,
        legalStatus = "C2",
        categoryOfNeed = "N1",
        placementType = on.DayNumber % 2 == 0 ? "K2" : "U3",
        placementProvider = "PR4",
        weeklyCost = 3500,
    };

    /// <summary>
    /// For each change's event, by (child reference, day): when the children's outbox relay published it to RabbitMQ
    /// (null while pending) and when finance's inbox took it (null until then). The outbox row names the child and the day
    /// and its id is the message id finance's inbox records.
    /// </summary>
    public static async Task<Dictionary<(string, string), (DateTime? Published, DateTime? Consumed)>> TimesAsync(BenchSystem system)
    {
        var events = await system.RowsAsync("children",
            "SELECT id, COALESCE(body->>'childRef', body->>'ChildRef'), COALESCE(body->>'changedOn', body->>'ChangedOn'), published_at " +
            "FROM outbox_messages WHERE message_type LIKE '%PlacementChanged%'");
        var consumed = (await system.RowsAsync("finance", "SELECT message_id, received_at FROM inbox_messages"))
            .ToDictionary(r => (Guid)r[0], r => ((DateTime)r[1]).ToUniversalTime());
        var answer = new Dictionary<(string, string), (DateTime?, DateTime?)>();
        foreach (var e in events)
            answer[((string)e[1], ((string)e[2])[..10])] = (e[3] is DateTime published ? published.ToUniversalTime() : null,
                consumed.TryGetValue((Guid)e[0], out var at) ? at : null);
        return answer;
    }
}
