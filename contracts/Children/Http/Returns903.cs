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
public sealed record ImportReport(Guid Id, string CollectionYear, Dictionary<string, int> Rows, List<ReportedFinding> Errors, SortedDictionary<string, int> Counts);
