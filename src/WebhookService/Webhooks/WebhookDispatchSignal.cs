namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Wakes this instance's dispatcher as soon as a delivery becomes due here, instead of at its next poll. Polling
/// stays: it finds deliveries other instances recorded, retries that came due, and work left before a restart.
/// </summary>
public sealed class WebhookDispatchSignal
{
    private readonly SemaphoreSlim due = new(0, 1);

    public void Pulse()
    {
        try
        {
            due.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pulsed and not yet consumed: one wake-up covers both.
        }
    }

    /// <summary>Returns when pulsed or when <paramref name="timeout"/> has passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => due.WaitAsync(timeout, ct);
}
