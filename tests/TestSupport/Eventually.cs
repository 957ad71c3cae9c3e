using Xunit;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// Polls for something the system does asynchronously, with a deadline instead of a fixed sleep, and fails naming
/// what was awaited (and, where given, what was last seen).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> accepts its answer, and returns that answer.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var seen = await probe();
            if (done(seen))
            {
                return seen;
            }
            if (DateTime.UtcNow >= deadline)
            {
                var last = describe is null ? "" : $"; last seen: {describe(seen)}";
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds:0.#} s{last}");
            }
            await Task.Delay(Interval);
        }
    }

    /// <summary>Calls <paramref name="condition"/> until it holds.</summary>
    public static Task True(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, holds => holds, timeout, what);
}
