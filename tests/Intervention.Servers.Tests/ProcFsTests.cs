using Intervention.Servers.Internal;
using Xunit;

namespace Intervention.Servers.Tests;

public sealed class ProcFsTests
{
    [Fact]
    public void Parses_a_stat_line_whose_command_name_has_spaces_and_parentheses()
    {
        var stat = ProcFs.Parse("4388 (postgres: (x) y) S 1 4388 4388 0 -1 4194560 2406 0 0 0 1 2 0 0 20 0 1 0 60999 226099200 7383");

        Assert.Equal(new ProcStat(4388, "postgres: (x) y", 'S', 1, 4388, 60999), stat);
    }

    [Fact]
    public void Reads_this_process()
    {
        var self = ProcFs.Read(Environment.ProcessId);

        Assert.NotNull(self);
        Assert.True(self.Value.IsLive);
    }
}
