namespace Intervention.ServiceDefaults.Tests.Rules;

using Intervention.ServiceDefaults.Data;

/// <summary>The platform's SQL migrations, embedded in ServiceDefaults, and the checksum that guards applied ones.</summary>
public class MigrationSetTests
{
    [Fact]
    public void The_platform_set_holds_0001_outbox_inbox_authority()
    {
        var migrations = new MigrationSet("platform", typeof(ServiceDb).Assembly).Load();

        var first = Assert.Single(migrations, m => m.Version == 1);
        Assert.Equal("outbox_inbox_authority", first.Name);
        Assert.Contains("CREATE TABLE outbox_messages", first.Sql);
        Assert.Contains("CREATE TABLE inbox_messages", first.Sql);
    }

    [Fact]
    public void The_platform_set_is_in_version_order_without_gaps()
    {
        var versions = new MigrationSet("platform", typeof(ServiceDb).Assembly).Load().Select(m => m.Version).ToArray();

        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
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
