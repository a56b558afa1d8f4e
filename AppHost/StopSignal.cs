using System.Runtime.InteropServices;

namespace Intervention.AppHost;

/// <summary>Ctrl+C (SIGINT) or SIGTERM: stop everything that was started, then exit.</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignal()
    {
        _registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // we stop in order ourselves
                _cts.Cancel();
            }))
            .ToArray();
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cts.Dispose();
    }
}
