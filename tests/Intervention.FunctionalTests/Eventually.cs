namespace Intervention.FunctionalTests;

/// <summary>
/// Polling for what happens asynchronously (an event's effect, a restart): bounded in time, failing with a
/// message that says what never happened. A request refused while a process is (re)starting counts as "not yet".
/// </summary>
public static class Eventually
{
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, failure);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure());
            await Task.Delay(100);
        }
    }
}
