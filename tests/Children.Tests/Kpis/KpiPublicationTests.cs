using Children.API.Kpis;

namespace Children.Tests.Kpis;

/// <summary>Publishing the KPIs sends aggregates only: each value with its numerator and denominator, as at the day asked.</summary>
public sealed class KpiPublicationTests
{
    [Fact]
    public void Each_KPI_is_published_with_its_value_numerator_and_denominator_and_no_definition_or_note()
    {
        var now = new DateTimeOffset(2018, 4, 3, 9, 0, 0, TimeSpan.Zero);
        Kpi[] kpis =
        [
            new("placements-3-plus", 9.5m, 19, 200, "Looked-after children with three or more placements in the year", new Dictionary<string, int> { ["C1001"] = 3 }),
            new("average-caseload", null, 0, 0, "Children allocated per social worker"),
        ];

        var published = KpiPublication.Of(kpis, new DateOnly(2018, 3, 31), now);

        Assert.Equal((new DateOnly(2018, 3, 31), now), (published.AsAt, published.OccurredAt));
        Assert.Equal([("placements-3-plus", (decimal?)9.5m, 19, 200), ("average-caseload", null, 0, 0)],
            published.Kpis.Select(figure => (figure.Name, figure.Value, figure.Numerator, figure.Denominator)));
    }
}
