using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Finance.API.Infrastructure;

public sealed class FinanceDb(DbContextOptions<FinanceDb> options) : ServiceDb(options);
