using System.Net.Sockets;
using Npgsql;

namespace Intervention.ServiceDefaults.Data;

/// <summary>Whether a failure is the database being unreachable rather than anything a request or a message did.</summary>
public static class DatabaseOutage
{
    /// <summary>
    /// The database cannot be reached or is going away: a transient Npgsql error, a connection exception (SQLSTATE class 08)
    /// or an operator intervention such as a shutdown (57P01-57P03), a socket error or a timeout, anywhere in the chain.
    /// </summary>
    public static bool Is(Exception e) =>
        e is NpgsqlException { IsTransient: true }
            or PostgresException { SqlState: ['0', '8', ..] or ['5', '7', 'P', ..] }
            or SocketException or TimeoutException
        || e.InnerException is not null && Is(e.InnerException);
}
