using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AdapterPipeline.ServiceDefaults.Telemetry;

/// <summary>
/// The instruments of the <c>AdapterPipeline</c> meter, one place for every service. Each service records only its
/// own part of a job; Prometheus sums them across services (names as scraped: docs/observability.md).
/// </summary>
public static class PipelineMetrics
{
    private static readonly Meter Meter = new(TelemetryExtensions.SourceName);

    // Seconds, from a quick job to a long training run (the default buckets are milliseconds-shaped).
    private static readonly double[] JobSeconds = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400];
    private static readonly double[] RequestSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] TokenRates = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000];

    private static readonly Counter<long> JobTransitions = Meter.CreateCounter<long>(
        "adapterpipeline.jobs.transitions", "{job}", "Jobs entering a state (queued, running, packaging, succeeded, failed, cancelled).");

    private static readonly Counter<long> JobsFinished = Meter.CreateCounter<long>(
        "adapterpipeline.jobs.finished", "{job}", "Jobs that ended, by outcome (succeeded, failed, cancelled).");

    private static readonly Histogram<double> QueueWait = Meter.CreateHistogram(
        "adapterpipeline.jobs.queue_wait", "s", "From submission until a training worker started the job.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSeconds });

    private static readonly Histogram<double> TrainingDuration = Meter.CreateHistogram(
        "adapterpipeline.training.duration", "s", "Wall time of a training run on a worker, staging upload included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSeconds });

    private static readonly Histogram<double> TrainingThroughput = Meter.CreateHistogram<double>(
        "adapterpipeline.training.tokens_per_second", unit: null, "Training tokens per second of a finished run, by base model and device.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TokenRates });

    private static readonly Histogram<double> PackagingDuration = Meter.CreateHistogram(
        "adapterpipeline.packaging.duration", "s", "Time to build and store an adapter's ZIP.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSeconds });

    private static readonly Counter<long> UploadedBytes = Meter.CreateCounter<long>(
        "adapterpipeline.training_files.uploaded", "By", "Bytes of training files stored through the Ingress.");

    private static readonly Histogram<double> WebhookDuration = Meter.CreateHistogram(
        "adapterpipeline.webhooks.delivery.duration", "s", "One webhook delivery attempt, by result (delivered, failed, gone, unsendable).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestSeconds });

    private static readonly Counter<long> WebhookFailures = Meter.CreateCounter<long>(
        "adapterpipeline.webhooks.delivery.failures", "{attempt}", "Webhook delivery attempts that did not deliver, by result.");

    /// <summary>
    /// The meter for instruments that observe one service instance's own state (a cache, a backlog): created through
    /// the host's <see cref="IMeterFactory"/>, so that several hosts in one process (as in the tests) each report their
    /// own and a listener tells them apart by <see cref="Meter.Scope"/>; exporters see it as the same meter.
    /// </summary>
    public static Meter For(IMeterFactory factory) => factory.Create(TelemetryExtensions.SourceName);

    /// <summary>A job entered <paramref name="state"/>; final states also count as the job's outcome.</summary>
    public static void JobEntered(string state, bool final)
    {
        JobTransitions.Add(1, new KeyValuePair<string, object?>("state", state));
        if (final)
        {
            JobsFinished.Add(1, new KeyValuePair<string, object?>("outcome", state));
        }
    }

    public static void JobStarted(TimeSpan queued) => QueueWait.Record(Math.Max(0, queued.TotalSeconds));

    public static void TrainingFinished(string baseModel, string device, double seconds, double? tokensPerSecond)
    {
        var tags = new TagList { { "base_model", baseModel }, { "device", device } };
        TrainingDuration.Record(seconds, tags);
        if (tokensPerSecond is > 0)
        {
            TrainingThroughput.Record(tokensPerSecond.Value, tags);
        }
    }

    public static void PackagingFinished(double seconds) => PackagingDuration.Record(seconds);

    public static void TrainingFileUploaded(long bytes) => UploadedBytes.Add(bytes);

    /// <summary>One attempt; <paramref name="result"/> is the attempt's outcome in lower case.</summary>
    public static void WebhookAttempted(string result, bool delivered, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("result", result);
        WebhookDuration.Record(elapsed.TotalSeconds, tag);
        if (!delivered)
        {
            WebhookFailures.Add(1, tag);
        }
    }
}
