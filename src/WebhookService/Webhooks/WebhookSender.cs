using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>Makes one signed attempt (Standard Webhooks headers) and says how it ended. Never throws for the receiver's faults.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptionsMonitor<WebhookOptions> options, TimeProvider clock, ILogger<WebhookSender> logger)
{
    /// <param name="secrets">One signature each, space-separated (Standard Webhooks): the current secret and, during a rotation's overlap, the old one.</param>
    public async Task<WebhookAttemptOutcome> SendAsync(WebhookDelivery delivery, IReadOnlyList<string> secrets, CancellationToken stopping)
    {
        // The dispatcher sends from a background loop: continue the trace of the event that caused the delivery.
        using var activity = PipelineActivities.StartResumed("webhook deliver", ActivityKind.Internal, delivery.TraceParent);
        activity?.SetTag("webhook.event_type", delivery.EventType);
        var startedAt = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        WebhookAttemptOutcome Outcome(WebhookAttemptOutcome.Result kind, int? status, string? error)
        {
            var delivered = kind == WebhookAttemptOutcome.Result.Delivered;
            PipelineMetrics.WebhookAttempted(kind.ToString().ToLowerInvariant(), delivered, watch.Elapsed);
            return new(kind, new WebhookAttempt(startedAt, status, error, watch.ElapsedMilliseconds, delivered));
        }

        if (WebhookUrlGuard.SyntaxProblem(delivery.Url, out var uri) is { } syntax)
        {
            return Outcome(WebhookAttemptOutcome.Result.Unsendable, null, $"url {syntax}");
        }

        var timestamp = startedAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', secrets.Select(s => WebhookSignature.Sign(s, delivery.MessageId, timestamp, delivery.Payload))));

        var timeout = options.CurrentValue.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(WebhookHttpClient.Name)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var outcome = status switch
            {
                >= 200 and < 300 => Outcome(WebhookAttemptOutcome.Result.Delivered, status, null),
                (int)HttpStatusCode.Gone => Outcome(WebhookAttemptOutcome.Result.Gone, status, "410 Gone: no more deliveries to this URL"),
                >= 300 and < 400 => Outcome(WebhookAttemptOutcome.Result.Failed, status, "redirect not followed"),
                _ => Outcome(WebhookAttemptOutcome.Result.Failed, status, null),
            };
            Log(delivery, uri!, status.ToString(System.Globalization.CultureInfo.InvariantCulture), watch.ElapsedMilliseconds);
            return outcome;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            Log(delivery, uri!, "timeout", watch.ElapsedMilliseconds);
            return Outcome(WebhookAttemptOutcome.Result.Failed, null, $"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            var error = Describe(e);
            Log(delivery, uri!, "error", watch.ElapsedMilliseconds);
            return Outcome(WebhookAttemptOutcome.Result.Failed, null, error);
        }
    }

    /// <summary>The most telling message in the chain: the guard's refusal, else the socket's, else the request's.</summary>
    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException refused)
            {
                return refused.Message;
            }
        }
        var detail = e.InnerException is { } inner2 ? $" ({inner2.Message})" : "";
        return $"{e.Message}{detail}";
    }

    /// <summary>Host only: a URL's path or query may carry the receiver's own token, and payloads and secrets stay out of logs.</summary>
    private void Log(WebhookDelivery delivery, Uri uri, string result, long ms) =>
        logger.LogInformation("Webhook {DeliveryId} ({EventType}) to {Host}: {Result} in {DurationMs} ms",
            delivery.Id, delivery.EventType, uri.Host, result, ms);
}
