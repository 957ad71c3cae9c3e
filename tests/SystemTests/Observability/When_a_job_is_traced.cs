using System.Diagnostics;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.SystemTests.Observability;

/// <summary>One trace follows a job from its train request over the bus through the saga and both workers to its webhook.</summary>
[Collection(ObservedPipelineCollection.Name)]
public sealed class When_a_job_is_traced(ObservedPipeline pipeline) : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Should_share_one_trace_from_the_train_request_to_the_webhook()
    {
        var avatar = new AvatarClient(pipeline.Http);
        await avatar.UploadCorpusAsync();
        var path = WebhookReceiver.NewPath();
        var jobId = await avatar.StartJobAsync(AvatarClient.Quick(webhookUrl: receiver.UrlFor(path)));
        await avatar.WaitForEndAsync(jobId);
        Assert.Single(await receiver.WaitForAsync(path));

        var train = Assert.Single(pipeline.Spans, s => s.Kind == ActivityKind.Server
            && Describe(s).Contains($"{avatar.Adapters}/train", StringComparison.Ordinal));
        var trace = train.TraceId;
        // Spans end after the work they cover (the webhook's after its response arrived): wait for the last ones.
        await Eventually.Until(() => Task.FromResult(Missing(trace, path)), missing => missing.Count == 0, TimeSpan.FromSeconds(30),
            $"the saga's, the workers' and the webhook's spans in trace {trace}", missing => $"missing: {string.Join(", ", missing)}");
    }

    private List<string> Missing(ActivityTraceId trace, string webhookPath)
    {
        var missing = new[] { "starttraining", "packageadapter", "trainingjobended" }.Where(what => !Has(trace, what)).ToList();
        if (!pipeline.Spans.Any(s => s.TraceId == trace && s.Kind == ActivityKind.Client && Describe(s).Contains(webhookPath, StringComparison.Ordinal)))
        {
            missing.Add("the webhook's HTTP call");
        }
        return missing;
    }

    /// <summary>Whether trace <paramref name="trace"/> has a span about <paramref name="what"/> (message type or queue, lower case, no dashes).</summary>
    private bool Has(ActivityTraceId trace, string what) =>
        pipeline.Spans.Any(s => s.TraceId == trace && Describe(s).Replace("-", "", StringComparison.Ordinal).Contains(what, StringComparison.OrdinalIgnoreCase));

    private static string Describe(Activity span) =>
        $"{span.DisplayName} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))}";
}
