using Intervention.Contracts.Governance;

namespace Intervention.Contracts.Http;

/// <summary>Who holds a function at an instant, and which Directions say so.</summary>
/// <remarks>
/// Every portfolio service answers <c>GET /api/authority</c> with it for the functions it owns, so it sits in the shared
/// <c>Intervention.Contracts.Http</c> rather than in governance's <c>Http</c> namespace.
/// </remarks>
/// <param name="Function">The function's code.</param>
/// <param name="Authority">The holder.</param>
/// <param name="Oversight">Commissioner oversight over the holder.</param>
/// <param name="EffectiveFrom">When the Directions that assigned it took effect.</param>
/// <param name="DirectionsId">The Directions that assigned it.</param>
public sealed record AuthorityInForce(string Function, Authority Authority, Oversight Oversight, DateTimeOffset EffectiveFrom, Guid DirectionsId);
