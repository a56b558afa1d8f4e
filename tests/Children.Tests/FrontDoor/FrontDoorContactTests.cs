using Intervention.ServiceDefaults.Http;
using Children.API.FrontDoor;
using Intervention.Contracts.Licensing;

namespace Children.Tests.FrontDoor;

/// <summary>The front door's rules: a concern delivered twice is one contact, and a contact is worked once.</summary>
public sealed class FrontDoorContactTests
{
    private static readonly DateTimeOffset Received = new(2016, 3, 10, 15, 0, 0, TimeSpan.Zero);

    private static readonly SafeguardingConcernRaised Concern = new()
    {
        EventId = Guid.NewGuid(), OccurredAt = Received, LicenceReference = "PH-901234", LicenceType = LicenceType.PrivateHire, DecisionId = Guid.NewGuid(),
        Outcome = HearingOutcome.Revocation, DecidedOn = new DateOnly(2016, 3, 10), EffectiveOn = new DateOnly(2016, 3, 10), Immediate = true,
    };

    [Fact]
    public void A_safeguarding_concern_opens_a_contact_keyed_by_the_event_naming_the_licence_only()
    {
        var contact = FrontDoorContact.Receive(Concern, alreadyAtFrontDoor: false, Received)!;

        Assert.Equal((Concern.EventId, "licensing", "PH-901234", "PrivateHire", "Revocation", "Open", Received),
            (contact.Id, contact.Source, contact.LicenceReference, contact.LicenceType, contact.Outcome, contact.Status, contact.ReceivedAt));
    }

    [Fact]
    public void The_same_concern_delivered_again_opens_no_second_contact()
    {
        Assert.Null(FrontDoorContact.Receive(Concern, alreadyAtFrontDoor: true, Received));
    }

    [Fact]
    public void Working_a_contact_closes_it_with_who_worked_it_when_and_what_was_done()
    {
        var contact = FrontDoorContact.Receive(Concern, false, Received)!;
        var at = Received.AddHours(2);

        var decided = contact.Work("MASH duty manager", "Checked against open cases", at);

        Assert.Null(decided.Refused);
        Assert.Equal(("Closed", "MASH duty manager", at, "Checked against open cases"), (contact.Status, contact.WorkedBy, contact.WorkedAt, contact.Note));
    }

    [Fact]
    public void A_contact_already_worked_is_refused_as_contact_already_worked_and_keeps_its_first_working()
    {
        var contact = FrontDoorContact.Receive(Concern, false, Received)!;
        contact.Work("MASH duty manager", "Checked against open cases", Received.AddHours(2));

        var again = contact.Work("Someone else", "Another note", Received.AddHours(3));

        Assert.Equal("contact-already-worked", again.Refused?.Rule);
        Assert.Equal(("MASH duty manager", "Checked against open cases"), (contact.WorkedBy, contact.Note));
    }
}
