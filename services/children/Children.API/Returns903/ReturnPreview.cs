namespace Children.API.Returns903;

/// <summary>
/// The return as it would be cut on a day from the episodes recorded through the API (live rows, no collection year): the
/// collection year the day falls in, each episode that began by that day and had not ended before the year, and the header
/// row of each child in it. Pure: the live rows and the day in, the return out.
/// </summary>
public static class ReturnPreview
{
    /// <summary>
    /// The return cut on <paramref name="asAt"/>. An episode that ends after the day is open on it: its end, reason for
    /// ending and reason for the placement change are not known yet, so are blank. Rows are numbered in the order of child
    /// and start, as a file written on that day would be.
    /// </summary>
    public static ReturnData Cut(IEnumerable<HeaderRow> header, IEnumerable<EpisodeRow> episodes, DateOnly asAt)
    {
        var year = CollectionYear.Of(asAt);
        var data = new ReturnData();
        data.Present.Add(Tables.Header);
        data.Present.Add(Tables.Episodes);
        var row = 0;
        foreach (var episode in episodes.Where(e => e.DecomOn <= asAt && !(e.DecOn < year.Start))
                     .OrderBy(e => e.Child, StringComparer.Ordinal).ThenBy(e => e.DecomOn))
        {
            var fields = episode.Fields;
            if (episode.DecOn > asAt) fields[7] = fields[8] = fields[9] = ""; // DEC, REC and REASON_PLACE_CHANGE
            data.Add(Tables.Episodes, row++, i => fields[i]);
        }
        var children = data.Episodes.Select(e => e.Child).ToHashSet(StringComparer.Ordinal);
        row = 0;
        foreach (var child in header.Where(h => children.Contains(h.Child)).DistinctBy(h => h.Child).OrderBy(h => h.Child, StringComparer.Ordinal))
        {
            var fields = child.Fields;
            data.Add(Tables.Header, row++, i => fields[i]);
        }
        return data;
    }

    /// <summary>The preview's answer: the rows of the cut, and its findings in the shape an import's report gives them.</summary>
    public static ReturnPreviewReport Report(DateOnly asAt, ReturnData data, IEnumerable<Finding> findings)
    {
        var rows = new Dictionary<string, int> { [Tables.Header] = data.Header.Count, [Tables.Episodes] = data.Episodes.Count };
        var report = ReturnImport.Report(Guid.Empty, CollectionYear.Of(asAt), rows, findings);
        return new ReturnPreviewReport(report.CollectionYear, asAt, report.Rows, report.Errors, report.Counts);
    }
}
