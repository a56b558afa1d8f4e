using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

        await asLicensing.GetFitnessAsync(id, new DateOnly(2016, 1, 1));

        var trail = await asLicensing.GetAuditTrailAsync(actor: officer);
        var change = Assert.Single(trail, l => l.Action == "change");
        Assert.Equal("POST /api/drivers/", change.What);
        Assert.Equal($"/api/drivers -> Driver {id}", change.Resource);
        Assert.Equal(201, change.Status);
        Assert.Matches("^[0-9a-f]{32}$", change.TraceId);
        var reading = Assert.Single(trail, l => l.Action == "read" && l.What == "driver record");
        Assert.Equal($"/api/drivers/{id}", reading.Resource);
        Assert.Equal("renewal check", reading.Purpose);
        // A fitness read is audited as what it is: the verdict on a person, with its reasons.
        var fitnessRead = Assert.Single(trail, l => l.Action == "read" && l.What == "driver fitness");
        Assert.Equal($"/api/drivers/{id}/fitness", fitnessRead.Resource);
        // A refused request changed nothing and is not a change.
        Assert.Equal(3, trail.Count);

        // Someone without the licensing role trying the personal record, and its fitness, is refused, and the attempt is in the trail.
        var outsider = $"audit-outsider-{Guid.NewGuid():N}";
        using var asOutsider = new HttpClient { BaseAddress = system.ServiceAddress("licensing") };
        asOutsider.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.Tokens.Mint(outsider, ["commissioner", "integrator"], TimeSpan.FromHours(1)));
        foreach (var path in new[] { $"api/drivers/{id}", $"api/drivers/{id}/fitness" })
            using (var refusedRead = await asOutsider.GetAsync(path))
                Assert.Equal(HttpStatusCode.Forbidden, refusedRead.StatusCode);
        var attempts = await asLicensing.GetAuditTrailAsync(actor: outsider);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal("refused", a.Action);
            Assert.Equal(403, a.Status);
            Assert.Matches("^[0-9a-f]{32}$", a.TraceId);
        });
        Assert.Equal(["GET /api/drivers/{id:guid}", "GET /api/drivers/{id:guid}/fitness"], attempts.Select(a => a.What).Order());
        Assert.Contains(attempts, a => a.Resource == $"/api/drivers/{id}/fitness");

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

    /// <summary>
    /// The audit line of a change is written in the change's own transaction: when it cannot be written, the change is not
    /// made either, rather than committed and left unaudited behind an error answer.
    /// </summary>
    [Fact]
    public async Task A_change_whose_audit_line_cannot_be_written_is_not_made()
    {
        var system = shared.System;
        var officer = $"audit-fails-{Guid.NewGuid():N}";
        var constraint = "refuse_" + officer.Replace('-', '_');
        var name = $"Unaudited {Guid.NewGuid():N}";
        // As the owner: the trail refuses this officer's lines, as a full disk or a broken grant would refuse every line.
        await using var owner = new NpgsqlConnection(await system.ConnectionStringAsync("licensingdb"));
        await owner.OpenAsync();
        await using (var refuse = new NpgsqlCommand($"ALTER TABLE audit_log ADD CONSTRAINT {constraint} CHECK (actor <> '{officer}') NOT VALID", owner))
            await refuse.ExecuteNonQueryAsync();
        try
        {
            using var asLicensing = new HttpClient { BaseAddress = system.ServiceAddress("licensing") };
            asLicensing.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.Tokens.Mint(officer, ["licensing"], TimeSpan.FromHours(1)));
            using var created = await asLicensing.PostAsJsonAsync("api/drivers", new { name, dateOfBirth = "1979-05-05", licenceType = "PrivateHire" });
            Assert.False(created.IsSuccessStatusCode, $"answered {(int)created.StatusCode} though its audit line could not be written");
            Assert.Equal(0, await system.CountAsync("licensing", $"SELECT count(*) FROM drivers WHERE name = '{name}'"));
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"ALTER TABLE audit_log DROP CONSTRAINT {constraint}", owner);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
