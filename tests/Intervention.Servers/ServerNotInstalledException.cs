namespace Intervention.Servers;

/// <summary>A server binary is missing; the message names the file and the apt package that provides it.</summary>
public sealed class ServerNotInstalledException : InvalidOperationException
{
    /// <summary>Creates the exception for a missing <paramref name="missing"/> provided by <paramref name="aptPackage"/>.</summary>
    public ServerNotInstalledException(string server, string missing, string aptPackage)
        : base($"{server} is not installed: {missing} is missing. Install it with: apt-get install -y {aptPackage}")
    {
        Missing = missing;
        AptPackage = aptPackage;
    }

    /// <summary>The file (or pattern of files) that was looked for.</summary>
    public string Missing { get; }

    /// <summary>The Debian package that provides it.</summary>
    public string AptPackage { get; }
}
