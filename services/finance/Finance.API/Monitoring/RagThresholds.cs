using Intervention.Contracts.Http;

namespace Finance.API.Monitoring;

/// <summary>
/// The RAG of a forecast against its budget, by the overspend as a percentage of the budget (section
/// <c>Monitoring:Rag</c>): Green below <see cref="AmberAtPercent"/>, Amber from it, Red from <see cref="RedAtPercent"/>.
/// An underspend is Green. A local policy choice, so configuration.
/// </summary>
public sealed class RagThresholds
{
    public const string Section = "Monitoring:Rag";

    public decimal AmberAtPercent { get; set; } = 1m;
    public decimal RedAtPercent { get; set; } = 5m;

    public Rag Of(decimal budget, decimal forecastOutturn)
    {
        var variance = forecastOutturn - budget;
        if (variance <= 0) return Rag.Green;
        if (budget <= 0) return Rag.Red; // any spending against no budget is an overspend without bound
        var percent = variance * 100m / budget;
        return percent >= RedAtPercent ? Rag.Red : percent >= AmberAtPercent ? Rag.Amber : Rag.Green;
    }
}
