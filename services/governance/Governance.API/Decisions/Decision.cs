using Intervention.Contracts.Governance;
using Intervention.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.API.Decisions;

/// <summary>
/// One decision in the register, as its source service reported it, with the result of checking it
/// against the Directions: who held its function at <see cref="DecidedAt"/> and, when that was not
/// the decider, why it is questioned. A questioned decision is kept; Directions recorded later can
/// question or clear it again. What depends on today (call-in) is worked out when it is read.
/// </summary>
public sealed class Decision
{
    public Guid Id { get; init; }
    public required string SourceService { get; init; }
    public required string Function { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public Authority Authority { get; init; }
    public required string DeciderName { get; init; }
    public string? Meeting { get; init; }
    public required string Summary { get; init; }
    public bool KeyDecision { get; init; }
    public bool CallIn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Who held the function at <see cref="DecidedAt"/> when last checked; null when no Directions assigned it.</summary>
    public Authority? HolderAuthority { get; private set; }
    public Oversight? HolderOversight { get; private set; }
    public Guid? HolderDirectionsId { get; private set; }
    /// <summary>Set while the decision is questioned: who held the function instead, under which Directions.</summary>
    public string? QuestionedReason { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }

    public string? SignedOffBy { get; private set; }
    public DateTimeOffset? SignedOffAt { get; private set; }

    public bool IsQuestioned => QuestionedReason is not null;

    /// <summary>Keeps the result of a check against the Directions made at <paramref name="checkedAt"/>.</summary>
    public void Apply(AuthorityCheck check, DateTimeOffset checkedAt)
    {
        HolderAuthority = check.Holder?.Authority;
        HolderOversight = check.Holder?.Oversight;
        HolderDirectionsId = check.Holder?.DirectionsId;
        QuestionedReason = check.Reason;
        CheckedAt = checkedAt;
    }

    /// <summary>
    /// A Commissioner signs the decision off at <paramref name="signedAt"/>: only a key decision under veto needs it, never
    /// before it was taken, and once: the same Commissioner again changes nothing; another is refused.
    /// </summary>
    /// <returns>The rule that forbids the sign-off; null when it is recorded (or was already, by the same Commissioner).</returns>
    public Refusal? SignOff(string signerName, DateTimeOffset signedAt)
    {
        if (SignedOffBy is { } signed)
            return signed == signerName ? null : Refusal.ByRule("already-signed-off", $"Decision {Id} was signed off by {signed} at {SignedOffAt:O}.");
        if (!DecisionValidity.NeedsSignOff(this))
            return Refusal.ByRule("sign-off-not-required", KeyDecision
                ? $"'{Function}' was held by {HolderAuthority?.ToString() ?? "no authority under Directions"} with {HolderOversight?.ToString() ?? "no"} " +
                  $"oversight when decision {Id} was taken: only veto oversight needs a Commissioner's sign-off."
                : $"Decision {Id} is not a key decision: only key decisions under veto oversight need a Commissioner's sign-off.");
        if (signedAt < DecidedAt)
            return Refusal.ByRule("sign-off-before-decision", $"signedAt {signedAt:O} is before the decision was taken ({DecidedAt:O}).");
        SignedOffBy = signerName;
        SignedOffAt = signedAt;
        return null;
    }

    /// <summary>Whether <paramref name="other"/> reports the same decision (the fields a source service sends).</summary>
    public bool SameAs(Decision other) => DifferencesFrom(other).Count == 0;

    /// <summary>The reported fields in which <paramref name="other"/> differs from this decision.</summary>
    public IReadOnlyList<string> DifferencesFrom(Decision other)
    {
        var differences = new List<string>();
        if (SourceService != other.SourceService) differences.Add("sourceService");
        if (Function != other.Function) differences.Add("function");
        if (DecidedAt != other.DecidedAt) differences.Add("decidedAt");
        if (Authority != other.Authority) differences.Add("authority");
        if (DeciderName != other.DeciderName) differences.Add("deciderName");
        if (Meeting != other.Meeting) differences.Add("meeting");
        if (Summary != other.Summary) differences.Add("summary");
        if (KeyDecision != other.KeyDecision) differences.Add("keyDecision");
        if (CallIn != other.CallIn) differences.Add("callIn");
        return differences;
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.ToTable("decisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Authority).HasConversion<string>();
        b.Property(d => d.HolderAuthority).HasConversion<string>();
        b.Property(d => d.HolderOversight).HasConversion<string>();
        b.Ignore(d => d.IsQuestioned);
    }
}
