using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.TrainingData;

public sealed class FilesFlagSettings : AvatarSettings
{
    [CommandArgument(2, "<file>")]
    [Description("The file name.")]
    public string File { get; init; } = "";

    [CommandOption("--off")]
    [Description("Stop using the file for training (default: use it).")]
    public bool Off { get; init; }
}

public sealed class FilesFlagCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<FilesFlagSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, FilesFlagSettings settings, CancellationToken ct) =>
        api.PutAsync($"{settings.TrainingData}/{Uri.EscapeDataString(settings.File)}/training-flag", new { use_for_training = !settings.Off }, ct);

    protected override void Show(JsonElement answer, FilesFlagSettings settings) =>
        Out.MarkupLine($"{Render.Text(answer, "file_name")}: {(answer.GetProperty("use_for_training").GetBoolean() ? "used" : "[grey]not used[/]")} for training");
}
