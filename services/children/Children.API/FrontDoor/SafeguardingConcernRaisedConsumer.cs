using Children.API.Infrastructure;
using Intervention.Contracts.Licensing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Children.API.FrontDoor;

/// <summary>
/// Takes licensing's safeguarding concerns into the front door (queue <c>children-safeguarding-concern-raised</c>).
/// The decision's id keys the contact, so the same concern twice is one contact.
/// </summary>
public sealed class SafeguardingConcernRaisedConsumer(ChildrenDb db, TimeProvider clock, ILogger<SafeguardingConcernRaisedConsumer> logger)
    : IConsumer<SafeguardingConcernRaised>
{
    public async Task Consume(ConsumeContext<SafeguardingConcernRaised> context)
    {
        var concern = context.Message;
        var known = await db.Set<FrontDoorContact>().AnyAsync(contact => contact.DecisionId == concern.DecisionId, context.CancellationToken);
        if (FrontDoorContact.Receive(concern, known, clock.GetUtcNow()) is not { } contact)
        {
            logger.LogInformation("Safeguarding concern for decision {DecisionId} is already at the front door", concern.DecisionId);
            return;
        }
        db.Add(contact);
        logger.LogInformation("Safeguarding concern about licence {Licence} ({Outcome}) at the front door", concern.LicenceReference, concern.Outcome);
    }
}
