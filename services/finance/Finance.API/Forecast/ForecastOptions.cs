namespace Finance.API.Forecast;

/// <summary>Settings of the demand-led forecast (section <c>Forecast</c>).</summary>
public sealed class ForecastOptions
{
    public const string Section = "Forecast";

    /// <summary>The monitoring cost centre whose budget the children's placement forecast is measured against.</summary>
    public string PlacementsCostCentre { get; set; } = "children-placements";
}
