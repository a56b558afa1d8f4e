using Governance.API.Infrastructure;
using Intervention.Contracts.Governance;
using Intervention.Messaging;
using MassTransit;

namespace Governance.API.Decisions;

/// <summary>
/// Takes every portfolio's <see cref="DecisionRecorded"/> into the register (queue <c>governance-decision-recorded</c>),
/// by the same path and rules as <c>POST /api/decisions</c>. The inbox wraps it in a transaction and saves. A decision
/// the register cannot take (a field breaks a rule, or its id already names a different decision) is not dropped:
/// the message is refused without retries and waits in <c>governance-decision-recorded_error</c> to be seen and replayed.
/// </summary>
public sealed class DecisionRecordedConsumer(GovernanceDb db, TimeProvider clock, ILogger<DecisionRecordedConsumer> logger) : IConsumer<DecisionRecorded>
{
    public async Task Consume(ConsumeContext<DecisionRecorded> context)
    {
        var message = context.Message;
        var now = clock.GetUtcNow();
        var request = DecisionRules.FromEvent(message);
        var errors = DecisionRules.Validate(request, now);
        if (errors.Count > 0)
            throw new DecisionRefusedException(message.DecisionId,
                string.Join("; ", errors.Select(e => $"'{e.Key}' {string.Join(", ", e.Value)}")));

        switch (await DecisionRegister.RecordAsync(db, DecisionRules.ToDecision(request, now), now, context.CancellationToken))
        {
            case DecisionRegister.Recorded { Decision: var d }:
                logger.LogInformation("Decision {DecisionId} on {Function} from {SourceService} recorded{Questioned}",
                    d.Id, d.Function, d.SourceService, d.IsQuestioned ? ": questioned, " + d.QuestionedReason : "");
                break;
            case DecisionRegister.AlreadyRecorded { Decision: var d }:
                logger.LogInformation("Decision {DecisionId} from {SourceService} is already in the register", d.Id, d.SourceService);
                break;
            case DecisionRegister.IdReused reused:
                throw new DecisionRefusedException(message.DecisionId, $"rule {DecisionRegister.IdReusedRule}: {reused.Detail}");
        }
    }
}

/// <summary>A reported decision the register cannot take as it stands.</summary>
public sealed class DecisionRefusedException(Guid decisionId, string why)
    : MessageRefusedException($"Decision {decisionId} refused: {why}");
