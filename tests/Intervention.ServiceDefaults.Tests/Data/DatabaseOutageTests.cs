using System.Net.Sockets;
using Intervention.ServiceDefaults.Data;
using Npgsql;

namespace Intervention.ServiceDefaults.Tests.Data;

/// <summary>What counts as the database being unreachable: answered 503 by the APIs, waited out by finance's forecast writer.</summary>
public class DatabaseOutageTests
{
    [Fact]
    public void An_unreachable_or_departing_database_is_an_outage_and_a_broken_statement_is_not()
    {
        Assert.True(DatabaseOutage.Is(new NpgsqlException("down", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseOutage.Is(new InvalidOperationException("wrapped", new TimeoutException())));
        Assert.True(DatabaseOutage.Is(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.False(DatabaseOutage.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseOutage.Is(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
    }
}
