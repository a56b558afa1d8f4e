using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Intervention.FunctionalTests.LongestFirst", "Intervention.FunctionalTests")]

namespace Intervention.FunctionalTests;

/// <summary>
/// The order xUnit starts the test collections in. It runs as many at once as the machine has cores (two here) and starts
/// the next when one ends, so the run lasts as long as its busiest lane: the longest collections go first, and the short ones
/// fill whichever lane ends first. In xUnit's own order (a hash of the names) the two-replica system followed the system with
/// its own settings and the plain AMQP test's system in one lane, 13:50 of a 13:50 run, while the other lane had ended at 11:36
/// (issue 19: ./test no slower).
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    // Each collection's start, tests and stop in the run of issue 19 (2026-11-26): 6:17, 6:32, 5:04 and 5:41.
    private static readonly string[] Longest = [TwoReplicasSystem.Name, SeededSystem.Name, SharedSystem.Name, OwnSettingsSystem.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var at and >= 0 ? at : Longest.Length).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
