using System.Net;
using Intervention.Contracts.Licensing;
using Intervention.Contracts.Licensing.Http;
using Npgsql;
using Xunit;

namespace Intervention.FunctionalTests.Security;

/// <summary>
/// The audit trail: reads of personal records and every change, written by a database role that cannot rewrite it. On the
/// shared system the caller is a licensing officer of this test's own, so the trail read back is this test's alone.
/// </summary>
[Collection(SharedSystem.Name)]
public sealed class AuditTrailTests(SharedSystem shared)
{
    [Fact]
    public async Task Changes_and_reads_of_a_drivers_record_are_in_the_trail_with_who_why_and_the_trace_and_the_service_role_cannot_rewrite_it()
    {
        var system = shared.System;
        var officer = $"audit-officer-{Guid.NewGuid():N}";
        var asLicensing = system.ApiAs<ILicensingApi>(["licensing"], caller: officer);

        var created = await asLicensing.CreateDriverAsync(new NewDriver("Audit Subject", new DateOnly(1981, 1, 1), LicenceType.PrivateHire));
        var id = created.Id;
        await asLicensing.GetDriverAsync(id, "renewal check");
        await Refused.WithAsync(() => asLicensing.AddConvictionAsync(id, new NewConviction("Shoplifting", new DateOnly(2012, 1, 1))), HttpStatusCode.BadRequest);

        var trail = await asLicensing.GetAuditTrailAsync(actor: officer);
        var change = Assert.Single(trail, l => l.Action == "change");
        Assert.Equal("POST /api/drivers/", change.What);
        Assert.Equal($"/api/drivers -> /api/drivers/{id}", change.Resource);
        Assert.Equal(201, change.Status);
        Assert.Matches("^[0-9a-f]{32}$", change.TraceId);
        var reading = Assert.Single(trail, l => l.Action == "read");
        Assert.Equal($"/api/drivers/{id}", reading.Resource);
        Assert.Equal("renewal check", reading.Purpose);
        // A refused request changed nothing and is not a change.
        Assert.Equal(2, trail.Count);

        // The service runs as its application role, which may add to the trail but not rewrite it.
        var asOwner = new NpgsqlConnectionStringBuilder(await system.ConnectionStringAsync("licensingdb"));
        var database = asOwner.Database!;
        Assert.True(await system.CountAsync("licensing", $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND usename = '{database}_app'") > 0,
            "the service has no connection as its application role");
        var asApplication = new NpgsqlConnectionStringBuilder(asOwner.ConnectionString) { Username = $"{database}_app", Password = null }.ConnectionString;
        await using var connection = new NpgsqlConnection(asApplication);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO audit_log (at, actor, action, what) VALUES (now(), 'test', 'change', 'test')", connection))
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        foreach (var sql in new[] { "UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log", "DELETE FROM schema_migrations" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var denied = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }
    }
}
