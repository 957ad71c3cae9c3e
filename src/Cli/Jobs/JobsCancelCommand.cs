using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Jobs;

public sealed class JobsCancelSettings : JobIdSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why, recorded with the cancellation.")]
    public string? Reason { get; init; }
}

public sealed class JobsCancelCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<JobsCancelSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, JobsCancelSettings settings, CancellationToken ct) =>
        api.PostAsync($"jobs/{settings.JobId}/cancel" + (settings.Reason is null ? "" : $"?reason={Uri.EscapeDataString(settings.Reason)}"), null, ct);

    protected override void Show(JsonElement answer, JobsCancelSettings settings) =>
        Out.MarkupLine($"Cancellation requested; job {Render.Text(answer, "job_id")} is {Render.Text(answer, "state")}.");
}
