namespace Finance.API.Monitoring;

/// <summary>Settings of budget monitoring (section <c>Monitoring</c>): local policy, so configuration.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>A virement of more than this many pounds needs a Cabinet decision (the council's financial regulations).</summary>
    public decimal VirementCabinetThreshold { get; set; } = 500_000m;
}
