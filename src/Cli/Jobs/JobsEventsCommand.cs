using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Jobs;

public sealed class JobsEventsSettings : JobIdSettings
{
    [CommandOption("--follow")]
    [Description("Show the job live until it ends (with --json: one JSON line per event).")]
    public bool Follow { get; init; }
}

public sealed class JobsEventsCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<JobsEventsSettings>(terminal, environment)
{
    protected override Task<int> RunAsync(ApiClient api, JobsEventsSettings settings, CancellationToken ct) => settings.Follow
        ? JobFollower.FollowAsync(api, Terminal, settings.JobId, settings.Json, ct)
        : base.RunAsync(api, settings, ct);

    protected override Task<JsonElement> CallAsync(ApiClient api, JobsEventsSettings settings, CancellationToken ct) =>
        api.GetAsync($"jobs/{settings.JobId}/events", ct);

    protected override void Show(JsonElement answer, JobsEventsSettings settings)
    {
        var table = Render.Table("at", "type", "state", "step", "loss", "eval loss", "detail");
        foreach (var e in Render.Items(answer, "events"))
        {
            var step = Render.Text(e, "step");
            table.AddRow(
                Render.Text(e, "at"), Render.Text(e, "type"), Render.Text(e, "state"),
                step.Length > 0 ? $"{step}/{Render.Text(e, "total_steps")}" : "",
                Render.Text(e, "loss"), Render.Text(e, "eval_loss"), Render.Text(e, "detail"));
        }
        Out.Write(table);
    }
}
