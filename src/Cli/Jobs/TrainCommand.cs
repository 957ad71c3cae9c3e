using System.ComponentModel;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Jobs;

public sealed class TrainSettings : AvatarSettings
{
    [CommandOption("--epochs <N>")]
    [Description("Passes over the training files (num_epochs).")]
    public int? Epochs { get; init; }

    [CommandOption("--learning-rate <RATE>")]
    public double? LearningRate { get; init; }

    [CommandOption("--rank <R>")]
    [Description("LoRA rank (lora_r).")]
    public int? Rank { get; init; }

    [CommandOption("--batch-size <N>")]
    public int? BatchSize { get; init; }

    [CommandOption("--max-seq-length <N>")]
    public int? MaxSeqLength { get; init; }

    [CommandOption("--base-model <NAME>")]
    public string? BaseModel { get; init; }

    [CommandOption("--adapter-name <NAME>")]
    public string? AdapterName { get; init; }

    [CommandOption("--webhook-url <URL>")]
    [Description("Also tell this URL when the job ends.")]
    public string? WebhookUrl { get; init; }

    [CommandOption("--idempotency-key <KEY>")]
    [Description("Sent again, answers the job this key first started instead of starting another.")]
    public string? IdempotencyKey { get; init; }

    [CommandOption("--follow")]
    [Description("Show the job live (progress, loss sparkline, ETA) until it ends; with --json, one JSON line per event.")]
    public bool Follow { get; init; }

    /// <summary>The train body: only what was given, the server's defaults for the rest.</summary>
    public object Body() => new
    {
        num_epochs = Epochs,
        learning_rate = LearningRate,
        lora_r = Rank,
        batch_size = BatchSize,
        max_seq_length = MaxSeqLength,
        base_model = BaseModel,
        adapter_name = AdapterName,
        webhook_url = WebhookUrl,
    };
}

/// <summary>Starts a training job; with --follow, stays with it until it ends and exits with how it ended.</summary>
public sealed class TrainCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<TrainSettings>(terminal, environment)
{
    protected override async Task<int> RunAsync(ApiClient api, TrainSettings settings, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.Adapters}/train") { Content = JsonContent.Create(settings.Body(), options: ApiClient.Json) };
        if (settings.IdempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", settings.IdempotencyKey);
        }
        var accepted = await api.SendAsync(request, ct);
        var jobId = accepted.GetProperty("job_id").GetGuid();
        if (!settings.Follow)
        {
            if (settings.Json)
            {
                Terminal.WriteRaw(accepted.GetRawText());
            }
            else
            {
                Out.MarkupLine($"Job [bold]{jobId}[/] {Render.Text(accepted, "state")}{(accepted.GetProperty("replayed").GetBoolean() ? " (replayed)" : "")}. Follow it with: apctl jobs events {jobId} --follow");
            }
            return ExitCodes.Ok;
        }
        return await JobFollower.FollowAsync(api, Terminal, jobId, settings.Json, ct);
    }
}
