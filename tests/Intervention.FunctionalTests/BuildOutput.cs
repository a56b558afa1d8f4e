namespace Intervention.FunctionalTests;

/// <summary>Where this repository's programs are built: the AppHost and the seeds, which some tests run as processes.</summary>
public static class BuildOutput
{
    /// <summary>The repository root: the folder holding Intervention.sln, above the test assembly.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Intervention.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Intervention.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary><c>apphost</c>'s, <c>seeds</c>' or <c>screenshots</c>' built assembly, in the same configuration as the tests.</summary>
    public static string Assembly(string program)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // <project>/bin/<Configuration>/<framework>/
        var (folder, project) = program switch
        {
            "apphost" => ("AppHost", "Intervention.AppHost"),
            "seeds" => ("seeds", "Intervention.Seeds"),
            "screenshots" => (Path.Combine("docs", "screenshots"), "Intervention.Screenshots"),
            _ => throw new ArgumentException($"no program {program}", nameof(program)),
        };
        return Path.Combine(RepoRoot(), folder, "bin", here.Parent!.Name, here.Name, project + ".dll");
    }
}
