using Finance.API.Forecast;
using Finance.API.Monitoring;
using Finance.API.Mtfs;
using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Finance.API.Infrastructure;

public sealed class FinanceDb(DbContextOptions<FinanceDb> options) : ServiceDb(options)
{
    public DbSet<MtfsVersion> MtfsVersions => Set<MtfsVersion>();
    public DbSet<MtfsAssumptionRecord> MtfsAssumptions => Set<MtfsAssumptionRecord>();
    public DbSet<PlacementSpellRecord> PlacementSpells => Set<PlacementSpellRecord>();
    public DbSet<Directorate> Directorates => Set<Directorate>();
    public DbSet<CostCentre> CostCentres => Set<CostCentre>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<Virement> Virements => Set<Virement>();
    public DbSet<ForecastReturn> ForecastReturns => Set<ForecastReturn>();
    public DbSet<SavingsProposal> SavingsProposals => Set<SavingsProposal>();
}
