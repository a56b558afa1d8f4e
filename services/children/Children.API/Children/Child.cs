using Intervention.ServiceDefaults.Http;
using Children.API.Returns903;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Children.API.Children;

/// <summary>A child known to the service: the council's identifier, the pseudonymous reference and the Stovewood flag.</summary>
public sealed class Child
{
    public Guid Id { get; init; }
    /// <summary>The council's identifier (903 CHILD); never leaves this service.</summary>
    public required string LocalId { get; init; }
    public required string Ref { get; init; }
    /// <summary>Linked to the Operation Stovewood investigation: the cost of their care is claimed separately.</summary>
    public bool Stovewood { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Records a child from a validated request: the child and the live 903 header row that holds their details. A local
    /// identifier already recorded breaks <c>child-already-recorded</c>: one council identifier is one child.
    /// </summary>
    public static Decision<ChildRecording> Record(RecordChildRequest request, bool alreadyRecorded, string reference, DateTimeOffset now)
    {
        if (alreadyRecorded)
            return Refusal.ByRule("child-already-recorded", $"A child with local identifier {request.LocalId} is already recorded.");
        var child = new Child { Id = Guid.CreateVersion7(now), LocalId = request.LocalId!, Ref = reference, Stovewood = request.Stovewood, CreatedAt = now };
        var header = new HeaderRecord
        {
            Child = child.LocalId, RowNo = 0, Sex = request.Sex!, Dob = CodeLists.Format(request.DateOfBirth!.Value), Ethnic = request.Ethnicity!,
            Upn = request.Upn ?? "",
        };
        return new ChildRecording(child, header);
    }
}

/// <summary>A child to add, with the header row (no collection year: a live record) that holds their 903 details.</summary>
public sealed record ChildRecording(Child Child, HeaderRecord Header);

internal sealed class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> b)
    {
        b.ToTable("children");
        b.Property(c => c.LocalId).HasColumnName("child");
    }
}
