namespace Intervention.ServiceDefaults.Tests.Rules;

using Intervention.ServiceDefaults.Data;

/// <summary>Table and column names as the hand-written SQL migrations spell them.</summary>
public class SnakeCaseNamesTests
{
    [Theory]
    [InlineData("OutboxMessage", "outbox_message")]
    [InlineData("EffectiveFrom", "effective_from")]
    [InlineData("DirectionsId", "directions_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("Id", "id")]
    [InlineData("RecordedAt", "recorded_at")]
    [InlineData("AuthorityAssignments", "authority_assignments")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("Outbox_Message", "outbox_message")]
    [InlineData("Ssda903Return", "ssda903_return")]
    [InlineData("Phase2Objective", "phase2_objective")]
    [InlineData("MessageID", "message_id")]
    public void Names_are_mapped_to_snake_case(string name, string expected)
    {
        Assert.Equal(expected, SnakeCaseNames.ToSnakeCase(name));
    }
}
