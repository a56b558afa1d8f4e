using Intervention.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Children.API.Infrastructure;

public sealed class ChildrenDb(DbContextOptions<ChildrenDb> options) : ServiceDb(options);
