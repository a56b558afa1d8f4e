using Intervention.ServiceDefaults.Http;
using Intervention.Contracts.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.FrontDoor;

/// <summary>A contact at the children's front door, waiting to be worked (Open) or worked (Closed) with a note.</summary>
public sealed class FrontDoorContact
{
    public Guid Id { get; init; }
    /// <summary>Where it came from, e.g. <c>licensing</c>.</summary>
    public required string Source { get; init; }
    public required string LicenceReference { get; init; }
    public required string LicenceType { get; init; }
    public Guid DecisionId { get; init; }
    public required string Outcome { get; init; }
    public DateOnly DecidedOn { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public bool Immediate { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Status { get; set; } = "Open";
    public string? WorkedBy { get; set; }
    public DateTimeOffset? WorkedAt { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// The contact a safeguarding concern from licensing opens, or null when the concern's decision is already at the
    /// front door: the same concern delivered twice is one contact.
    /// </summary>
    public static FrontDoorContact? Receive(SafeguardingConcernRaised concern, bool alreadyAtFrontDoor, DateTimeOffset receivedAt) =>
        alreadyAtFrontDoor ? null : new FrontDoorContact
        {
            Id = concern.EventId, Source = "licensing", LicenceReference = concern.LicenceReference, LicenceType = concern.LicenceType.ToString(),
            DecisionId = concern.DecisionId, Outcome = concern.Outcome.ToString(), DecidedOn = concern.DecidedOn, EffectiveOn = concern.EffectiveOn,
            Immediate = concern.Immediate, ReceivedAt = receivedAt,
        };

    /// <summary>Closes the contact with who worked it and what was done; a contact is worked once (<c>contact-already-worked</c>).</summary>
    public Decision<FrontDoorContact> Work(string workedBy, string note, DateTimeOffset at)
    {
        if (Status == "Closed") return Refusal.ByRule("contact-already-worked", $"Worked by {WorkedBy} at {WorkedAt:O}.");
        Status = "Closed";
        WorkedBy = workedBy;
        WorkedAt = at;
        Note = note;
        return this;
    }

    /// <summary>The contact as the API answers it.</summary>
    public FrontDoorContactView ToView() => new(Id, Source, LicenceReference, LicenceType, DecisionId, Outcome,
        DecidedOn, EffectiveOn, Immediate, ReceivedAt, Status, WorkedBy, WorkedAt, Note);
}

internal sealed class FrontDoorContactConfiguration : IEntityTypeConfiguration<FrontDoorContact>
{
    public void Configure(EntityTypeBuilder<FrontDoorContact> b) => b.ToTable("front_door_contacts");
}
