using System.Globalization;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.SystemTests.Observability;

/// <summary>A real Prometheus scrapes every service's <c>/metrics</c> while a job runs from upload to webhook.</summary>
[Collection(ObservedPipelineCollection.Name)]
public sealed class When_prometheus_scrapes_the_services(ObservedPipeline pipeline) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private PrometheusServer prometheus = null!;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        prometheus = PrometheusServer.Start(pipeline.Endpoints);
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await prometheus.DisposeAsync();
    }

    [Fact]
    public async Task Should_scrape_every_service()
    {
        foreach (var service in pipeline.Endpoints.Keys)
        {
            await AtLeastAsync($"up{{job=\"{service}\"}}", 1);
        }
    }

    [Fact]
    public async Task Should_record_a_job_from_upload_to_webhook()
    {
        var avatar = new AvatarClient(pipeline.Http);
        await avatar.UploadCorpusAsync();
        var jobId = await avatar.StartJobAsync(AvatarClient.Quick(webhookUrl: receiver.UrlFor(WebhookReceiver.NewPath())));
        await avatar.WaitForEndAsync(jobId);

        await AtLeastAsync("sum(adapterpipeline_training_files_uploaded_bytes_total)", AvatarClient.Corpus.Length);
        await AtLeastAsync("sum(adapterpipeline_jobs_transitions_total{state=\"queued\"})", 1);
        await AtLeastAsync("sum(adapterpipeline_jobs_finished_total{outcome=\"succeeded\"})", 1);
        await AtLeastAsync("sum(adapterpipeline_jobs_queue_wait_seconds_count)", 1);
        await AtLeastAsync("sum(adapterpipeline_training_duration_seconds_count{device=\"cpu\"})", 1);
        await AtLeastAsync("sum(adapterpipeline_training_tokens_per_second_count{base_model!=\"\",device=\"cpu\"})", 1);
        await AtLeastAsync("sum(adapterpipeline_packaging_duration_seconds_count)", 1);
        await AtLeastAsync("sum(adapterpipeline_webhooks_delivery_duration_seconds_count{result=\"delivered\"})", 1);
        // A series at all is the point: the count itself is zero once every delivery is sent.
        await AtLeastAsync("max(adapterpipeline_webhooks_backlog)", 0);
    }

    private Task AtLeastAsync(string query, double least) =>
        Eventually.Until(() => prometheus.ValueAsync(query), value => value >= least, Patience,
            $"Prometheus answering {query} with at least {least.ToString(CultureInfo.InvariantCulture)}",
            value => $"{value?.ToString(CultureInfo.InvariantCulture) ?? "no series"}; prometheus: {prometheus.Log}");
}
