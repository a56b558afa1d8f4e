namespace Intervention.Servers.Internal;

/// <summary>Creates the per-instance folders the server's OS user owns.</summary>
internal static class ServerFolders
{
    /// <summary>Under /tmp so that the rabbitmq and postgres users can reach it, whoever runs the tests.</summary>
    public const string DefaultRoot = "/tmp/intervention-servers";

    private const UnixFileMode SharedRootMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;

    private const UnixFileMode InstanceMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static string CreateInstanceFolder(string? rootFolder, string prefix)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("Private servers run the Debian rabbitmq-server and postgresql packages: Linux only.");
        var root = Path.GetFullPath(rootFolder ?? DefaultRoot);
        Directory.CreateDirectory(root);
        if (rootFolder is null && (File.GetUnixFileMode(root) & SharedRootMode) != SharedRootMode)
        {
            // Like /tmp itself: root's tests and a developer's tests may share this folder.
            File.SetUnixFileMode(root, SharedRootMode);
        }
        var folder = Path.Combine(root, $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(folder, InstanceMode);
        return folder;
    }

    /// <summary>When root, hands the folder to the server's user and checks that user can really reach it.</summary>
    public static async Task HandOverAsync(string folder, string user, CancellationToken ct)
    {
        if (!Cli.SwitchesUser) return;
        await Cli.RunCheckedAsync(["chown", "-R", $"{user}:", folder], TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        var check = await Cli.RunAsync(["runuser", "-u", user, "--", "test", "-w", folder], TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The OS user '{user}' cannot write to {folder}: {Blocker(folder)}. Every folder above it must be " +
                $"searchable by that user (chmod o+x), e.g. a root folder under /tmp (the default is {DefaultRoot}). {check.Output}".TrimEnd());
        }
    }

    /// <summary>Names the first folder on the path that others cannot enter (a 0700 temp folder, typically).</summary>
    private static string Blocker(string folder)
    {
        if (!OperatingSystem.IsLinux()) return "unknown cause";
        for (var dir = Path.GetDirectoryName(folder); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if ((mode & UnixFileMode.OtherExecute) == 0)
                return $"{dir} has mode {Convert.ToString((int)mode & 0x1FF, 8)}, so others cannot enter it";
        }
        return "no folder above it lacks o+x (ACLs or mount options?)";
    }

    public static void Delete(string folder)
    {
        // A server killed a moment ago may still be finishing a write: try again briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }

    public static string Tail(string path, int lines = 40)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int maxBytes = 16 * 1024;
            if (stream.Length > maxBytes) stream.Seek(-maxBytes, SeekOrigin.End);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines)).TrimEnd();
        }
        catch (FileNotFoundException)
        {
            return "(no log file)";
        }
        catch (DirectoryNotFoundException)
        {
            return "(no log file)";
        }
    }
}
