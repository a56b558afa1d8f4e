namespace Intervention.Contracts.Children.Http;

/// <summary>An Ofsted recommendation or one of the Children's Commissioner's seven tests.</summary>
/// <param name="Kind"><c>OfstedRecommendation</c> or <c>SevenTest</c>.</param>
/// <param name="Title">The item as worded.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record ImprovementItemRequest(string? Kind, string? Title, string? Source);

/// <summary>A dated assessment of an item: RAG, evidence and owner.</summary>
/// <param name="AssessedOn">The day of the assessment.</param>
/// <param name="Rag"><c>Red</c>, <c>Amber</c> or <c>Green</c>.</param>
/// <param name="Evidence">The evidence it rests on.</param>
/// <param name="Owner">Who owns the item.</param>
public sealed record AssessmentRequest(DateOnly? AssessedOn, string? Rag, string? Evidence, string? Owner);

/// <summary>One recorded assessment of an item.</summary>
/// <param name="AssessedOn">The day of the assessment.</param>
/// <param name="Rag"><c>Red</c>, <c>Amber</c> or <c>Green</c>.</param>
/// <param name="Evidence">The evidence.</param>
/// <param name="Owner">Who owns the item.</param>
public sealed record ImprovementAssessment(DateOnly AssessedOn, string Rag, string Evidence, string Owner);

/// <summary>An item with its current RAG (the latest assessment) and its history, oldest first.</summary>
/// <param name="Code">The item's code, chosen by the caller.</param>
/// <param name="Kind"><c>OfstedRecommendation</c> or <c>SevenTest</c>.</param>
/// <param name="Title">The item as worded.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Rag">The latest assessment's RAG; null before the first.</param>
/// <param name="Owner">The latest assessment's owner.</param>
/// <param name="History">Every assessment, oldest first.</param>
public sealed record ImprovementItem(string Code, string Kind, string Title, string Source, string? Rag, string? Owner, List<ImprovementAssessment> History);

/// <summary>A child in scope for a move to permanence (Right Child Right Care).</summary>
/// <param name="InScopeFrom">The day the child came into scope.</param>
/// <param name="Plan">The permanence plan, e.g. <c>Adoption</c> or <c>LongTermFostering</c>.</param>
/// <param name="AchievedOn">The day permanence was achieved; absent until then.</param>
public sealed record PermanenceRequest(DateOnly? InScopeFrom, string? Plan, DateOnly? AchievedOn);

/// <summary>Children in scope for a move to permanence on a day, and how many moved.</summary>
/// <param name="AsAt">The day.</param>
/// <param name="InScope">Children in scope on that day.</param>
/// <param name="Achieved">Of them, those whose permanence was achieved by then.</param>
/// <param name="ByPlan">Children in scope by plan.</param>
public sealed record PermanenceSummary(DateOnly AsAt, int InScope, int Achieved, Dictionary<string, int> ByPlan);
