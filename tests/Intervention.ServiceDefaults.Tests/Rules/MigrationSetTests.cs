namespace Intervention.ServiceDefaults.Tests.Rules;

using Intervention.Messaging;
using Intervention.ServiceDefaults.Data;

/// <summary>
/// The platform's SQL migrations, split between ServiceDefaults (0002) and Intervention.Messaging (0001), and the checksum
/// that guards applied ones.
/// </summary>
public class MigrationSetTests
{
    private static readonly MigrationSet[] Platform = [ServiceDatabase.PlatformMigrations, MessagingExtensions.Migrations];

    private static IReadOnlyList<Migration> PlatformScope() => Assert.Single(SchemaMigrator.Merge(Platform)).Migrations;

    [Fact]
    public void The_platform_scope_holds_0001_outbox_inbox_authority()
    {
        var first = Assert.Single(PlatformScope(), m => m.Version == 1);
        Assert.Equal("outbox_inbox_authority", first.Name);
        Assert.Contains("CREATE TABLE outbox_messages", first.Sql);
        Assert.Contains("CREATE TABLE inbox_messages", first.Sql);
    }

    [Fact]
    public void The_platform_scope_is_in_version_order_without_gaps_whichever_library_holds_each()
    {
        var versions = PlatformScope().Select(m => m.Version).ToArray();

        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
    }

    /// <summary>
    /// What every existing database has recorded in schema_migrations for the platform: moving a migration to another
    /// library must change none of it, or those databases would refuse to start.
    /// </summary>
    [Theory]
    [InlineData(1, "outbox_inbox_authority", "e0873e8b3103cfeaf7e3cbd2d3f97c5d2cff1b395f8ce00caceb637ac14980a5")]
    [InlineData(2, "audit_log", "cd4bdebd074f4d4d44dc59b4b520d2d972693778184caba8094f0ccf41b7e590")]
    [InlineData(3, "idempotency_keys", "e7fccbea17fc531265567b5e8ed6a8613bcfc48a5b3661038f47ce979cc00801")]
    public void The_platform_migrations_keep_the_scope_names_and_checksums_databases_recorded(int version, string name, string checksum)
    {
        Assert.All(Platform, set => Assert.Equal("platform", set.Scope));
        var migration = Assert.Single(PlatformScope(), m => m.Version == version);
        Assert.Equal(name, migration.Name);
        Assert.Equal(checksum, migration.Checksum);
    }

    [Fact]
    public void Two_libraries_numbering_a_migration_alike_in_one_scope_stop_the_start()
    {
        var other = new MigrationSet("platform", typeof(MigrationSetTests).Assembly, "Intervention.ServiceDefaults.Tests.Platform.UpgradeMigrations.v1.");
        var twice = Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Merge([.. Platform, other]));
        Assert.Contains("'platform' has two migrations numbered 0001", twice.Message);
    }

    [Fact]
    public void An_assembly_without_migrations_has_an_empty_set()
    {
        Assert.Empty(new MigrationSet("none", typeof(Assert).Assembly).Load());
    }

    [Fact]
    public void A_migration_checked_out_with_CRLF_has_the_same_checksum_as_with_LF()
    {
        const string lf = "CREATE TABLE t (\n    id uuid PRIMARY KEY\n);\n";
        const string crlf = "CREATE TABLE t (\r\n    id uuid PRIMARY KEY\r\n);\r\n";

        Assert.Equal(new Migration(1, "t", lf).Checksum, new Migration(1, "t", crlf).Checksum);
    }

    [Fact]
    public void Changing_a_migrations_SQL_changes_its_checksum()
    {
        var original = new Migration(1, "t", "CREATE TABLE t (id uuid PRIMARY KEY);");
        var edited = new Migration(1, "t", "CREATE TABLE t (id uuid PRIMARY KEY, name text);");

        Assert.NotEqual(original.Checksum, edited.Checksum);
    }

    [Fact]
    public void The_checksum_is_the_lower_case_hex_SHA_256_of_the_LF_text()
    {
        // SHA-256 of "abc", the FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", new Migration(1, "t", "abc").Checksum);
    }
}
