using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Licensing.API.Infrastructure;

public sealed class LicensingDb(DbContextOptions<LicensingDb> options) : ServiceDb(options);
