using Intervention.Contracts.Http;

namespace Intervention.Contracts.Finance.Http;

/// <summary>
/// The children's placement forecast for a financial year: for each placement type, the children placed in
/// it during the year, their weeks in the year (a placement still open runs to the year's end) and finance's
/// weekly unit cost. Operation Stovewood-linked children are shown apart: their cost is claimed from government.
/// </summary>
/// <param name="Year">The financial year, e.g. <c>2017-18</c>.</param>
/// <param name="ChildrenLookedAfter">Children looked after at some point in the year.</param>
/// <param name="Forecast">The forecast in pounds, every placement type (Stovewood included).</param>
/// <param name="StovewoodForecast">The part of <paramref name="Forecast"/> for Stovewood-linked children.</param>
/// <param name="ForecastExcludingStovewood">What falls on the council's budget.</param>
/// <param name="Budget">The placements cost centre's budget for the year, when one is set.</param>
/// <param name="Variance">Forecast (excluding Stovewood) minus budget, when a budget is set.</param>
/// <param name="Rag">The variance's RAG, when a budget is set.</param>
/// <param name="PlacementTypes">The figures per 903 placement type with any child in the year.</param>
/// <param name="UnitCostsSource">Where the weekly unit costs come from (illustrative unless configured otherwise).</param>
public sealed record ChildrenPlacementForecast(string Year, int ChildrenLookedAfter, decimal Forecast, decimal StovewoodForecast,
    decimal ForecastExcludingStovewood,
    decimal? Budget, decimal? Variance, Rag? Rag, IReadOnlyList<PlacementTypeForecast> PlacementTypes, string UnitCostsSource);

/// <summary>One placement type's part of the forecast.</summary>
/// <param name="PlacementType">The 903 placement type code, e.g. <c>K2</c>.</param>
/// <param name="Description">What the code means.</param>
/// <param name="Children">Children placed in this type at some point in the year.</param>
/// <param name="StovewoodChildren">Of them, children linked to Operation Stovewood.</param>
/// <param name="ChildrenNow">Children in this type today (or on the year's last day for a past year).</param>
/// <param name="ChildWeeks">Weeks in the year the placements cover, counted in nights / 7.</param>
/// <param name="WeeklyUnitCost">Finance's weekly unit cost for the type, in pounds.</param>
/// <param name="Forecast">Child weeks x weekly unit cost.</param>
/// <param name="StovewoodForecast">The Stovewood-linked part of <paramref name="Forecast"/>.</param>
public sealed record PlacementTypeForecast(string PlacementType, string Description, int Children, int StovewoodChildren, int ChildrenNow,
    decimal ChildWeeks, decimal WeeklyUnitCost, decimal Forecast, decimal StovewoodForecast);
