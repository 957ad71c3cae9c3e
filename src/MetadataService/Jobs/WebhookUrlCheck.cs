using AdapterPipeline.Contracts.Webhooks;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Asks the webhook service whether a job's own callback URL may be called, by the rules its subscriptions follow.
/// When it does not answer in time the job is accepted anyway: the URL is checked again when the webhook is sent,
/// and a refused one is recorded as a failed attempt of that delivery.
/// </summary>
public sealed partial class WebhookUrlCheck(
    IRequestClient<CheckWebhookUrl> client, IOptions<JobOptions> options, ILogger<WebhookUrlCheck> logger)
{
    /// <summary>Why <paramref name="url"/> is refused; null when it may be called or when no answer came in time.</summary>
    public async Task<string?> UrlProblemAsync(string url, CancellationToken ct)
    {
        var timeout = options.Value.WebhookUrlCheckTimeout;
        try
        {
            var response = await client.GetResponse<WebhookUrlChecked>(new CheckWebhookUrl(url), ct, RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
            return response.Message.Problem;
        }
        catch (RequestTimeoutException)
        {
            LogNoAnswer(timeout.TotalSeconds);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "The webhook service did not check a job's webhook URL within {Seconds} s; accepting the job unchecked")]
    private partial void LogNoAnswer(double seconds);
}
