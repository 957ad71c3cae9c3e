using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.PackagingWorker.Packaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker.Tests.Packaging;

public sealed class When_an_adapter_is_packaged(When_an_adapter_is_packaged.Run run) : IClassFixture<When_an_adapter_is_packaged.Run>
{
    /// <summary>Weights over one upload part (8 MiB), so the ZIP goes up in several parts.</summary>
    public sealed class Run : PackagingWorkerSystem
    {
        public PackageAdapter Job { get; } = NewJob(version: 3);
        public StagedAdapter Staged { get; } = StagedAdapter.Trained(weightsBytes: ObjectStore.PartSize + 1024 * 1024);
        public AdapterPackaged Packaged { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Staged.StageAsync(Store, PackagingWorkerSystem.Staging(Job));
            await PublishAsync(Job);
            Packaged = (await Outcomes.WaitForAsync<AdapterPackaged>(Job.JobId))[0];
        }
    }

    private string ExpectedKey => StorageKeys.AdapterVersion(run.Job.UserId, run.Job.AvatarId, run.Job.AdapterName, run.Job.Version);

    [Fact]
    public async Task Should_store_the_zip_at_the_adapter_version_key()
    {
        Assert.Equal(ExpectedKey, run.Packaged.Key);
        Assert.Equal([ExpectedKey], await run.KeysUnderAsync(StorageKeys.AdapterPrefix(run.Job.UserId, run.Job.AvatarId, run.Job.AdapterName)));
    }

    [Fact]
    public async Task Should_answer_with_the_sha256_and_size_of_the_stored_zip()
    {
        var zip = await run.DownloadAsync(ExpectedKey);

        Assert.True(zip.Length > ObjectStore.PartSize);
        Assert.Equal(zip.Length, run.Packaged.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), run.Packaged.Sha256);
        Assert.Equal(run.Job.Version, run.Packaged.Version);
    }

    [Fact]
    public async Task Should_hold_the_specified_entries_with_the_staged_files_byte_for_byte()
    {
        using var archive = new ZipArchive(new MemoryStream(await run.DownloadAsync(ExpectedKey)), ZipArchiveMode.Read);

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors", "training_manifest.json", "README.md"],
            archive.Entries.Select(e => e.FullName));
        Assert.Equal(run.Staged.Config, Read(archive, StagedAdapterFiles.Config));
        Assert.Equal(run.Staged.Weights, Read(archive, StagedAdapterFiles.Weights));
        Assert.Equal(run.Staged.Manifest, Read(archive, StagedAdapterFiles.Manifest));
    }

    [Fact]
    public async Task Should_render_the_model_card_with_the_loss_curve_embedded()
    {
        using var archive = new ZipArchive(new MemoryStream(await run.DownloadAsync(ExpectedKey)), ZipArchiveMode.Read);
        var card = Encoding.UTF8.GetString(Read(archive, ModelCard.FileName));

        Assert.StartsWith($"# support-voice\n\nLoRA adapter for avatar `{run.Job.AvatarId}`, version 3", card);
        Assert.Contains($"data:image/png;base64,{Convert.ToBase64String(StagedAdapter.TinyPng)}", card);
        Assert.Contains("| final train loss | 3.2500 |", card);
    }

    [Fact]
    public async Task Should_mark_the_stored_zip_with_the_job_id()
    {
        var head = await run.Store.HeadAsync(ExpectedKey, CancellationToken.None);

        Assert.Equal(run.Job.JobId.ToString("N"), head!.Metadata[AdapterZipMetadata.JobId]);
        Assert.Equal("application/zip", head.Headers.ContentType);
    }

    [Fact]
    public async Task Should_remove_the_staged_files() =>
        Assert.Empty(await run.KeysLeftUnderAsync(PackagingWorkerSystem.Staging(run.Job)));

    [Fact]
    public void Should_report_its_own_packaging_time() =>
        Assert.InRange(run.Packaged.PackagingSeconds, 0.001, 60);

    [Fact]
    public void Should_not_report_a_failure() =>
        Assert.Empty(run.Outcomes.For(run.Job.JobId).OfType<PackagingFailed>());

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var entry = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }
}
