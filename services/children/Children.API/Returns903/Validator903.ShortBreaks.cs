namespace Children.API.Returns903;

/// <summary>The rules over one child's respite breaks (V3, V4) and holiday placements (T3) across the year.</summary>
public sealed partial class Validator903
{
    private const int MostRespiteDays = 75;
    private const int MostHolidayPlacements = 2;

    /// <summary>367, 377 and 426 over one child's episodes; every episode that makes up the excess is reported.</summary>
    private void ShortBreaksAndHolidays(List<EpisodeRow> episodes)
    {
        const string t = Tables.Episodes;
        // 367: respite (V3) days within the collection year, an episode still open counting until 31 March.
        var respite = episodes.Where(e => e.Ls == "V3").ToList();
        var respiteDays = respite.Sum(e => DaysInYear(e));
        if (respiteDays > MostRespiteDays)
            foreach (var e in respite) Add("367", t, e.Row, "LS", "DECOM", "DEC");

        // 377: the collection year is the 12 months counted; a holiday placement belongs to the year it started in.
        var holidays = episodes.Where(e => e.Place == "T3" && e.DecomOn >= year.Start && e.DecomOn <= year.End).ToList();
        if (holidays.Count > MostHolidayPlacements)
            foreach (var e in holidays) Add("377", t, e.Row, "PLACE");

        // 426: one series of short breaks is either V3 or V4 for the whole year; each short-break episode is reported.
        if (episodes.Any(e => e.Ls == "V3") && episodes.Any(e => e.Ls == "V4"))
            foreach (var e in episodes.Where(e => CodeLists.IsShortBreak(e.Ls))) Add("426", t, e.Row, "LS");
    }

    /// <summary>The days of an episode that fall within the collection year; an open episode lasts until 31 March.</summary>
    private int DaysInYear(EpisodeRow e)
    {
        var from = e.DecomOn!.Value < year.Start ? year.Start : e.DecomOn.Value;
        var to = e.Dec.Length == 0 || e.DecOn is not { } ended || ended > year.End ? year.End : ended;
        return Math.Max(0, to.DayNumber - from.DayNumber);
    }
}
