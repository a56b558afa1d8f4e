using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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
        using var asLicensing = new HttpClient { BaseAddress = system.ServiceAddress("licensing") };
        asLicensing.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.Tokens.Mint(officer, ["licensing"], TimeSpan.FromHours(1)));

        using var created = await asLicensing.PostAsJsonAsync("api/drivers", new { name = "Audit Subject", dateOfBirth = "1981-01-01", licenceType = "PrivateHire" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var read = await asLicensing.GetAsync($"api/drivers/{id}?purpose=renewal%20check"))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var refused = await asLicensing.PostAsJsonAsync($"api/drivers/{id}/convictions", new { category = "Shoplifting", convictedOn = "2012-01-01" }))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var trail = (await asLicensing.GetFromJsonAsync<List<JsonElement>>($"api/audit?actor={officer}"))!;
        var change = Assert.Single(trail, l => l.GetProperty("action").GetString() == "change");
        Assert.Equal("POST /api/drivers/", change.GetProperty("what").GetString());
        Assert.Equal($"/api/drivers -> /api/drivers/{id}", change.GetProperty("resource").GetString());
        Assert.Equal(201, change.GetProperty("status").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", change.GetProperty("traceId").GetString());
        var reading = Assert.Single(trail, l => l.GetProperty("action").GetString() == "read");
        Assert.Equal($"/api/drivers/{id}", reading.GetProperty("resource").GetString());
        Assert.Equal("renewal check", reading.GetProperty("purpose").GetString());
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
