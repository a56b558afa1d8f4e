using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Infrastructure;

public sealed class LicensingDb(DbContextOptions<LicensingDb> options) : ServiceDb(options)
{
    /// <summary>The next number of the licence register (one sequence for every type: a reference is never reused).</summary>
    public async Task<long> NextLicenceNumberAsync(CancellationToken ct) =>
        await Database.SqlQuery<long>($"SELECT nextval('licence_numbers') AS \"Value\"").SingleAsync(ct);
}
