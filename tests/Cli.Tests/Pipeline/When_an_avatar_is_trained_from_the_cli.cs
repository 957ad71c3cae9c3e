using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdapterPipeline.SystemTests;

namespace AdapterPipeline.Cli.Tests.Pipeline;

/// <summary>upload → train --follow → versions ls → download, through apctl against the whole system.</summary>
[Collection(PipelineCollection.Name)]
public sealed partial class When_an_avatar_is_trained_from_the_cli(SystemTests.Pipeline pipeline) : IAsyncLifetime
{
    private const string Corpus = "Ada keeps the light on Gull Rock. The Marigold passed at noon. Lit the lamp at six. ";

    private readonly Apctl apctl = new(pipeline.Http.BaseAddress);
    private readonly string user = "user-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string avatar = "avatar-" + Guid.NewGuid().ToString("N")[..8];
    private ApctlRun upload = null!;
    private ApctlRun list = null!;
    private ApctlRun train = null!;
    private ApctlRun versions = null!;
    private ApctlRun download = null!;
    private string zipPath = null!;

    public async Task InitializeAsync()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(apctl.Home, "corpus")).FullName;
        await File.WriteAllTextAsync(Path.Combine(corpus, "persona.txt"), string.Concat(Enumerable.Repeat(Corpus, 12)));
        await File.WriteAllTextAsync(Path.Combine(corpus, "log.md"), "# Log\n" + string.Concat(Enumerable.Repeat(Corpus, 4)));
        zipPath = Path.Combine(apctl.Home, "adapter.zip");

        upload = await apctl.RunAsync("files", "upload", user, avatar, corpus);
        list = await apctl.RunAsync("files", "ls", user, avatar, "--json");
        train = await apctl.RunAsync(
            "train", user, avatar, "--epochs", "2", "--batch-size", "2", "--max-seq-length", "32", "--learning-rate", "0.001",
            "--base-model", "tiny-llama", "--follow");
        versions = await apctl.RunAsync("versions", "ls", user, avatar, "--json");
        download = await apctl.RunAsync("download", user, avatar, "-o", zipPath, "--json");
    }

    public Task DisposeAsync()
    {
        apctl.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Should_upload_every_file_of_the_folder_with_a_bar_each()
    {
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Matches(@"persona\.txt\s+━+\s+100%", upload.Stdout);
        Assert.Matches(@"log\.md\s+━+\s+100%", upload.Stdout);
        Assert.Contains("Uploaded 2 file(s)", upload.Stdout);
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(["log.md", "persona.txt"], json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("training_files").GetInt32());
    }

    [Fact]
    public void Should_follow_the_job_to_a_final_frame_at_100_percent_with_a_loss_sparkline()
    {
        Assert.True(train.ExitCode == 0, train.ToString());
        // The live view redraws in place; the recorded console keeps every frame, the last one at the end.
        var frame = train.Stdout[train.Stdout.LastIndexOf("Job ", StringComparison.Ordinal)..];
        var lines = frame.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches(@"^Job [0-9a-f-]{36}\s+succeeded\s+step (\d+)/\1$", lines[0]);
        Assert.Matches(@"^━{40} 100%  ETA 0:00$", lines[1]);
        Assert.Matches(@"^loss [▁▂▃▄▅▆▇█]+ \d+\.\d{4}", lines[2]);
        Assert.Equal("", train.Stderr);
    }

    [Fact]
    public void Should_list_the_trained_version_as_current()
    {
        Assert.True(versions.ExitCode == 0, versions.ToString());
        using var json = JsonDocument.Parse(versions.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("current_version").GetInt32());
        Assert.True(json.RootElement.GetProperty("versions")[0].GetProperty("trained").GetBoolean());
    }

    [Fact]
    public void Should_download_the_zip_and_report_its_hash()
    {
        Assert.True(download.ExitCode == 0, download.ToString());
        using var json = JsonDocument.Parse(download.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(zipPath))), json.RootElement.GetProperty("sha256").GetString());
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Contains("adapter_model.safetensors", zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task Should_give_the_job_history_as_json()
    {
        using var listed = JsonDocument.Parse(versions.Stdout);
        var jobId = listed.RootElement.GetProperty("versions")[0].GetProperty("job_id").GetString()!;

        var events = await apctl.RunAsync("jobs", "events", jobId, "--json");
        var followed = await apctl.RunAsync("jobs", "events", jobId, "--follow", "--json");

        Assert.True(events.ExitCode == 0, events.ToString());
        using var json = JsonDocument.Parse(events.Stdout);
        Assert.Equal("succeeded", json.RootElement.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
        // --follow --json: one JSON document per line, ending with the job's end.
        Assert.Equal(0, followed.ExitCode);
        var lines = followed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString() == "progress");
        Assert.Equal("succeeded", JsonDocument.Parse(lines[^1]).RootElement.GetProperty("state").GetString());
    }
}
