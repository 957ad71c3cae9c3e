using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;

namespace AdapterPipeline.Cli.Jobs;

public sealed class JobsShowCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<JobIdSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, JobIdSettings settings, CancellationToken ct) =>
        api.GetAsync($"jobs/{settings.JobId}", ct);

    protected override void Show(JsonElement answer, JobIdSettings settings) => Out.Write(Describe(answer));

    /// <summary>A job's status as a two-column grid.</summary>
    public static Grid Describe(JsonElement job)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var field in new[]
        {
            "job_id", "kind", "user_id", "avatar_id", "adapter_name", "state", "progress_percent", "step", "total_steps", "epoch",
            "loss", "eval_loss", "tokens_per_second", "eta_seconds", "version", "error", "created_at", "started_at", "finished_at",
        })
        {
            var value = Render.Text(job, field);
            if (value.Length > 0)
            {
                grid.AddRow($"[grey]{field}[/]", value);
            }
        }
        return grid;
    }
}
