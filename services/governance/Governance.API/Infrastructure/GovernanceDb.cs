using Governance.API.Directions;
using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.API.Infrastructure;

public sealed class GovernanceDb(DbContextOptions<GovernanceDb> options) : ServiceDb(options)
{
    public DbSet<IssuedDirections> Directions => Set<IssuedDirections>();
}
