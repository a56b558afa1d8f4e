using Finance.API.Forecast;

namespace Finance.Tests.Forecast;

public class PlacementNightsTests
{
    private static readonly FinancialYear Year = new(2017);
    private static readonly UnitCosts Costs = new();
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string[] Types = ["K2", "U4", "U1", "H5", "R1", "A4", "P1"];

    [Fact]
    public void A_generated_year_of_events_moved_one_child_at_a_time_gives_the_forecast_of_a_full_re_forecast()
    {
        // 300 children coming into care, moving and leaving over 2016-2019 in date order, as the children's service
        // sends them; the kept nights are moved by each event's change to one child's spells, as the consumer does.
        var random = new Random(903);
        var spells = new Dictionary<string, List<PlacementSpellRecord>>();
        var kept = new List<PlacementNightsRecord>();
        var events = 0;
        for (var day = new DateOnly(2016, 4, 1); day < new DateOnly(2019, 4, 1); day = day.AddDays(1))
        {
            foreach (var child in Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"child-{random.Next(300)}"))
            {
                var theirs = spells.TryGetValue(child, out var found) ? found : spells[child] = [];
                var before = theirs.Select(s => s.ToSpell()).ToList();
                var open = theirs.SingleOrDefault(s => s.EndedOn is null);
                var eventId = Guid.NewGuid();
                var type = Types[random.Next(Types.Length)];
                var stovewood = child.EndsWith('7');
                var decided = open is null ? PlacementSpells.Start(theirs, eventId, child, type, stovewood, day, default)
                    : random.Next(4) == 0 ? PlacementSpells.End(theirs, eventId, child, day)
                    : PlacementSpells.Move(theirs, eventId, child, type, stovewood, day, default);
                if (decided.Refused is not null) continue; // a second event for the child on a day its placement began
                if (decided.Changes!.Opened is { } opened) theirs.Add(opened);
                PlacementNights.Apply(kept, Year.StartYear, PlacementNights.Change(before, theirs.Select(s => s.ToSpell()), Year));
                events++;
            }
        }

        var all = spells.Values.SelectMany(theirs => theirs.Select(s => s.ToSpell())).ToList();
        var full = PlacementNights.Of(all, Year);
        var incremental = PlacementNights.Of(kept, Year.StartYear);
        Assert.True(events > 1_500, $"only {events} events were generated");
        Assert.Equal(full.Types.OrderBy(t => t.Key), incremental.Types.OrderBy(t => t.Key));
        Assert.Equal(PlacementForecast.For(Year, all, Costs, Today).ForecastExcludingStovewood, PlacementNights.ForecastExcludingStovewood(incremental, Costs));
        Assert.NotEqual(0m, PlacementNights.ForecastExcludingStovewood(incremental, Costs));
    }

    [Fact]
    public void A_placement_change_moves_the_year_by_the_nights_of_the_one_spell_that_ended_and_the_one_that_opened()
    {
        // In K2 from 1 April 2017; moved to U4 on 1 October 2017: K2 loses the 182 nights from then to the year's end.
        var before = new[] { new Spell("a", "K2", false, new DateOnly(2017, 4, 1), null) };
        var after = new[] { before[0] with { EndedOn = new DateOnly(2017, 10, 1) }, new Spell("a", "U4", false, new DateOnly(2017, 10, 1), null) };

        var change = PlacementNights.Change(before, after, Year);

        Assert.Equal((-182L, 0L), change.Types["K2"]);
        Assert.Equal((182L, 0L), change.Types["U4"]);
        Assert.Equal(2, change.Types.Count);
    }

    [Fact]
    public void Stovewood_nights_are_kept_apart_and_fall_outside_the_council_s_forecast()
    {
        var stovewood = new[] { new Spell("s", "K2", true, new DateOnly(2018, 3, 25), null) }; // 7 nights: one week
        var nights = PlacementNights.Of(stovewood, Year);

        Assert.Equal((7L, 7L), nights.Types["K2"]);
        Assert.Equal(0m, PlacementNights.ForecastExcludingStovewood(nights, Costs));
        Assert.Equal(PlacementForecast.For(Year, stovewood, Costs, Today).ForecastExcludingStovewood, PlacementNights.ForecastExcludingStovewood(nights, Costs));
    }
}
