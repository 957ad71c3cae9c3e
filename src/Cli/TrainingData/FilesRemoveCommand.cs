using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.TrainingData;

public sealed class FilesRemoveSettings : AvatarSettings
{
    [CommandArgument(2, "[file]")]
    [Description("The file name.")]
    public string? File { get; init; }

    [CommandOption("--non-training")]
    [Description("Remove every file not used for training instead of one file.")]
    public bool NonTraining { get; init; }

    public override ValidationResult Validate() => (File is null) == NonTraining
        ? ValidationResult.Success()
        : ValidationResult.Error("give either a file name or --non-training");
}

public sealed class FilesRemoveCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<FilesRemoveSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, FilesRemoveSettings settings, CancellationToken ct) =>
        api.DeleteAsync(settings.NonTraining
            ? $"{settings.TrainingData}/non-training-files"
            : $"{settings.TrainingData}/{Uri.EscapeDataString(settings.File!)}", ct);

    protected override void Show(JsonElement answer, FilesRemoveSettings settings)
    {
        foreach (var file in Render.Items(answer, "removed"))
        {
            Out.MarkupLine($"removed {Render.Text(file, "file_name")}");
        }
        Out.MarkupLineInterpolated($"{answer.GetProperty("removed_count").GetInt32()} removed, {Render.Bytes(answer.GetProperty("freed_bytes").GetInt64())} freed");
    }
}
