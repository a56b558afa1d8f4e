using Microsoft.EntityFrameworkCore;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Intervention.ServiceDefaults.Data;

/// <summary>
/// Maps tables and columns to snake_case (key and index names live only in the SQL migrations) so the hand-written SQL migrations read like
/// ordinary PostgreSQL. It was written while EFCore.NamingConventions had no EF Core 10 build here; 10.0.1 is served
/// now, but it also renames keys and indexes and splits digits its own way, so swapping it in needs the mapped names
/// compared against the applied migrations first.
/// Names set explicitly in a configuration are left alone.
/// </summary>
internal sealed class SnakeCaseNames : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
        {
            if (entity.GetTableNameConfigurationSource() is null or ConfigurationSource.Convention && entity.GetTableName() is { } table)
                entity.Builder.ToTable(ToSnakeCase(table));

            var tableId = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnNameConfigurationSource() is null or ConfigurationSource.Convention)
                    property.Builder.HasColumnName(ToSnakeCase(property.GetColumnName(tableId) ?? property.Name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var boundary = i > 0 && name[i - 1] != '_' &&
                    (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
