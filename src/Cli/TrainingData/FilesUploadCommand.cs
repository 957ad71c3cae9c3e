using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.TrainingData;

public sealed class FilesUploadSettings : AvatarSettings
{
    [CommandArgument(2, "<paths>")]
    [Description("Files, or folders whose files (not sub-folders) are uploaded.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--no-training")]
    [Description("Upload without using the files for training.")]
    public bool NoTraining { get; init; }

    /// <summary>The files named, folders expanded (hidden files skipped); each name once.</summary>
    public IReadOnlyList<FileInfo> Files() => Paths
        .SelectMany(path => Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles().Where(f => !f.Name.StartsWith('.')).OrderBy(f => f.Name, StringComparer.Ordinal)
            : (IEnumerable<FileInfo>)[new FileInfo(path)])
        .ToList();

    public override ValidationResult Validate()
    {
        var missing = Paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            return ValidationResult.Error($"no such file or folder: {missing}");
        }
        var files = Files();
        if (files.Count == 0)
        {
            return ValidationResult.Error("no files to upload");
        }
        var twice = files.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? ValidationResult.Success() : ValidationResult.Error($"two files are named {twice.Key}");
    }
}

/// <summary>Uploads each file in its own request, so each has its own progress bar and a refusal names its file.</summary>
public sealed class FilesUploadCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<FilesUploadSettings>(terminal, environment)
{
    protected override async Task<int> RunAsync(ApiClient api, FilesUploadSettings settings, CancellationToken ct)
    {
        var files = settings.Files();
        var recorded = new JsonArray();
        if (settings.Json)
        {
            foreach (var file in files)
            {
                recorded.Add(await UploadAsync(api, settings, file, _ => { }, ct));
            }
            Terminal.WriteRaw(new JsonObject { ["user_id"] = settings.User, ["avatar_id"] = settings.Avatar, ["files"] = recorded }.ToJsonString());
            return ExitCodes.Ok;
        }

        await Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                var tasks = files.Select(f => progress.AddTask(Markup.Escape(f.Name), autoStart: false, maxValue: Math.Max(f.Length, 1))).ToList();
                for (var i = 0; i < files.Count; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    recorded.Add(await UploadAsync(api, settings, files[i], sent => task.Value = sent, ct));
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
        var bytes = files.Sum(f => f.Length);
        Out.MarkupLineInterpolated($"Uploaded {files.Count} file(s), {Render.Bytes(bytes)}, to {settings.User}/{settings.Avatar}{(settings.NoTraining ? " (not for training)" : "")}.");
        return ExitCodes.Ok;
    }

    private static async Task<JsonNode?> UploadAsync(ApiClient api, FilesUploadSettings settings, FileInfo file, Action<long> sent, CancellationToken ct)
    {
        // No part content type: the Ingress then judges the file by its extension alone.
        using var form = new MultipartFormDataContent { { new ProgressContent(file.OpenRead(), sent), "files", file.Name } };
        var answer = await api.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"{settings.TrainingData}/upload?use_for_training={(settings.NoTraining ? "false" : "true")}") { Content = form },
            ct);
        return JsonNode.Parse(Render.Items(answer, "files").Single().GetRawText());
    }
}
