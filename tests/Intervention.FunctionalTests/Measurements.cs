namespace Intervention.FunctionalTests;

/// <summary>Figures the closing note quotes, appended to TestResults/measurements.txt at the repository root.</summary>
public static class Measurements
{
    public static void Record(string line)
    {
        var folder = Path.Combine(BuildOutput.RepoRoot(), "TestResults");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "measurements.txt"), $"{DateTime.UtcNow:O} {line}\n");
    }
}
