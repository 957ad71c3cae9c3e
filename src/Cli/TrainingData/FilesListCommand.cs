using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.TrainingData;

public sealed class FilesListSettings : AvatarSettings
{
    [CommandOption("--training-only")]
    [Description("Only the files flagged for training.")]
    public bool TrainingOnly { get; init; }
}

/// <summary>Every file of the avatar (all pages), with the avatar's totals.</summary>
public sealed class FilesListCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<FilesListSettings>(terminal, environment)
{
    protected override async Task<JsonElement> CallAsync(ApiClient api, FilesListSettings settings, CancellationToken ct)
    {
        var files = new JsonArray();
        JsonElement page;
        string? cursor = null;
        do
        {
            var query = $"?training_only={(settings.TrainingOnly ? "true" : "false")}&limit=1000" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            page = await api.GetAsync($"{settings.TrainingData}/list{query}", ct);
            foreach (var file in Render.Items(page, "files"))
            {
                files.Add(JsonNode.Parse(file.GetRawText()));
            }
            cursor = page.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        var answer = JsonNode.Parse(page.GetRawText())!.AsObject();
        answer["files"] = files;
        answer.Remove("next_cursor");
        answer.Remove("limit");
        return JsonSerializer.SerializeToElement(answer);
    }

    protected override void Show(JsonElement answer, FilesListSettings settings)
    {
        var table = Render.Table("file", "size", "training", "uploaded", "sha256");
        foreach (var file in Render.Items(answer, "files"))
        {
            table.AddRow(
                Render.Text(file, "file_name"),
                Render.Bytes(file.GetProperty("size_bytes").GetInt64()),
                file.GetProperty("use_for_training").GetBoolean() ? "[green]yes[/]" : "[grey]no[/]",
                Render.Text(file, "uploaded_at"),
                Render.Text(file, "sha256")[..12]);
        }
        Out.Write(table);
        Out.MarkupLineInterpolated(
            $"{answer.GetProperty("total_files").GetInt32()} files, {answer.GetProperty("training_files").GetInt32()} for training, {Render.Bytes(answer.GetProperty("total_bytes").GetInt64())}");
    }
}
