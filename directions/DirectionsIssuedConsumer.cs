using Intervention.ServiceDefaults;
using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults.Data;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Intervention.Directions;

/// <summary>
/// Keeps this service's own copy, with its history, of who holds the functions it owns, so that it
/// can say who may decide at any instant without asking governance. The inbox makes a redelivered
/// Directions a no-op.
/// </summary>
public sealed class DirectionsIssuedConsumer(ServiceDb db, ServiceIdentity service, ILogger<DirectionsIssuedConsumer> logger) : IConsumer<DirectionsIssued>
{
    public Task Consume(ConsumeContext<DirectionsIssued> context)
    {
        var directions = context.Message;
        var owned = directions.Assignments
            .Where(a => CouncilFunctions.Find(a.Function)?.Portfolio == service.OwnPortfolio)
            .ToList();
        foreach (var assignment in owned)
        {
            db.AuthorityAssignments.Add(new AuthorityAssignment
            {
                DirectionsId = directions.DirectionsId,
                Function = assignment.Function,
                Authority = assignment.Authority,
                Oversight = assignment.Oversight,
                EffectiveFrom = directions.EffectiveFrom,
                RecordedAt = directions.RecordedAt,
            });
        }
        logger.LogInformation("Directions {DirectionsId} effective {EffectiveFrom:O}: {Count} of this service's functions reassigned",
            directions.DirectionsId, directions.EffectiveFrom, owned.Count);
        return Task.CompletedTask; // the inbox saves and commits with the message id
    }
}

public static class DirectionsCopyExtensions
{
    /// <summary>Keeps a copy of the Directions for the functions this service owns (queue <c>&lt;service&gt;-directions-issued</c>).</summary>
    public static IBusRegistrationConfigurator AddDirectionsCopy(this IBusRegistrationConfigurator bus)
    {
        bus.AddDirectionsInForce();
        bus.AddConsumer<DirectionsIssuedConsumer>();
        return bus;
    }
}
