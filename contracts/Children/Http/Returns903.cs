namespace Intervention.Contracts.Children.Http;

/// <summary>One finding of the validation report.</summary>
/// <param name="Rule">The DfE rule code exactly as the 2022/23 rule list writes it.</param>
/// <param name="Table">The file's name without <c>.csv</c>.</param>
/// <param name="Row">The 0-based data row in that file.</param>
/// <param name="Fields">The columns the rule concerns.</param>
public sealed record ReportedFinding(string Rule, string Table, int Row, IReadOnlyList<string> Fields);

/// <summary>The answer to an import: what was kept and what breaks which rule.</summary>
/// <param name="Id">The import's id.</param>
/// <param name="CollectionYear">The collection year, e.g. <c>2017/18</c>.</param>
/// <param name="Rows">Rows kept, by file.</param>
/// <param name="Errors">Every finding.</param>
/// <param name="Counts">Findings by rule.</param>
public sealed record ImportReport(Guid Id, string CollectionYear, Dictionary<string, int> Rows, List<ReportedFinding> Errors,
    SortedDictionary<string, int> Counts);

/// <summary>One rule of the DfE's 903 rule list and, for a collection year, whether it ran at that year's latest import.</summary>
/// <param name="Code">The rule's code exactly as the DfE's 2022/23 list writes it (<c>101</c>, <c>392c</c>, <c>INT05</c>).</param>
/// <param name="Message">The DfE's message for the rule.</param>
/// <param name="Fields">The 903 fields the rule reads, as the DfE list names them.</param>
/// <param name="Tables">The tables it reads, by today's file names (<c>episodes</c>, <c>oc2</c>,
/// <c>placed_for_adoption</c>; <c>episodes_last</c> for last year's; <c>provider_info</c> for Ofsted's provider
/// lists).</param>
/// <param name="Checked">Whether this service checks the rule at all.</param>
/// <param name="Ran">For a collection year: whether the rule ran at its latest import, every table it reads being
/// there; null when no year was asked for.</param>
/// <param name="NotRunBecause">Why it did not run, in plain words (<c>not built yet</c>, <c>no import for this
/// year</c>, <c>the import had no oc2 file</c>); null when it ran or no year was asked for.</param>
public sealed record RuleStatus(string Code, string Message, IReadOnlyList<string> Fields, IReadOnlyList<string> Tables, bool Checked, bool? Ran,
    string? NotRunBecause);

/// <summary>Every rule of the DfE's 903 rule list, in its order, with the latest import of the year asked for.</summary>
/// <param name="CollectionYear">The collection year asked for (<c>2017/18</c>), or null.</param>
/// <param name="ImportId">The year's latest import, or null when there is none or no year was asked for.</param>
/// <param name="ImportedAt">When that import was made.</param>
/// <param name="Rules">Every rule of the list: 293 for the 2022/23 list.</param>
public sealed record RuleListing(string? CollectionYear, Guid? ImportId, DateTimeOffset? ImportedAt, IReadOnlyList<RuleStatus> Rules);

/// <summary>One finding of an earlier import, with the DfE's words for its rule and, for the children's team, the child it concerns.</summary>
/// <param name="Rule">The DfE rule code exactly as the 2022/23 rule list writes it.</param>
/// <param name="Message">The DfE's message for the rule.</param>
/// <param name="Table">The file's name without <c>.csv</c>.</param>
/// <param name="Row">The 0-based data row in that file.</param>
/// <param name="Fields">The columns the rule concerns.</param>
/// <param name="Child">
/// The child's local identifier (the 903's <c>CHILD</c>) for the children's team; null for any other role, or when the row names none.
/// </param>
public sealed record ImportFinding(string Rule, string Message, string Table, int Row, IReadOnlyList<string> Fields, string? Child);

/// <summary>An earlier import's findings, filtered by rule, table and child as asked, in the order of table, row and rule.</summary>
/// <param name="Id">The import's id.</param>
/// <param name="CollectionYear">The collection year, e.g. <c>2017/18</c>.</param>
/// <param name="ImportedAt">When the import was made.</param>
/// <param name="Rows">Rows the import kept, all files together.</param>
/// <param name="Total">The findings that match the filters, however many are listed.</param>
/// <param name="Findings">The matching findings: the first <c>limit</c> of them.</param>
/// <param name="ChildrenShown">
/// Whether <see cref="ImportFinding.Child"/> is given: for the children's team alone (child-level data; the read is audited).
/// </param>
public sealed record ImportFindings(Guid Id, string CollectionYear, DateTimeOffset ImportedAt, int Rows, int Total, IReadOnlyList<ImportFinding> Findings,
    bool ChildrenShown);

/// <summary>
/// The findings the 903 return would have if it were cut on <paramref name="AsAt"/> from the episodes recorded through the API,
/// in the shape of an import's report.
/// </summary>
/// <param name="CollectionYear">The collection year the day falls in, e.g. <c>2017/18</c>.</param>
/// <param name="AsAt">The day the return is cut on: episodes begun by then; an episode ending after it is open.</param>
/// <param name="Rows">Rows of the cut, by file (<c>header</c>, <c>episodes</c>).</param>
/// <param name="Errors">Every finding: rule, table, 0-based row of the cut and fields.</param>
/// <param name="Counts">Findings by rule.</param>
public sealed record ReturnPreviewReport(string CollectionYear, DateOnly AsAt, Dictionary<string, int> Rows, List<ReportedFinding> Errors,
    SortedDictionary<string, int> Counts);
