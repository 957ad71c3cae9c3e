namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>The delay before each attempt of a delivery; a redelivery starts it again from the first.</summary>
public sealed class RetrySchedule
{
    private readonly TimeSpan[] delays;

    public RetrySchedule(IEnumerable<TimeSpan> delays)
    {
        this.delays = delays.ToArray();
        if (this.delays.Length == 0 || this.delays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("A retry schedule needs at least one delay and no negative ones.", nameof(delays));
        }
    }

    public int Attempts => delays.Length;

    /// <summary>The delay before the first attempt (normally none).</summary>
    public TimeSpan First => delays[0];

    /// <summary>The delay before the next attempt once <paramref name="failedAttempts"/> have failed; null when none is left.</summary>
    public TimeSpan? AfterFailures(int failedAttempts) => failedAttempts >= 1 && failedAttempts < delays.Length ? delays[failedAttempts] : null;

    public IReadOnlyList<TimeSpan> Delays => delays;
}
