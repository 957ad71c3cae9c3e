using System.IO.Compression;
using System.Security.Cryptography;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.PackagingWorker.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.Zip;

public sealed class When_the_same_files_are_zipped_twice
{
    private static IReadOnlyList<ZipEntrySource> Entries(byte[] weights) =>
    [
        ZipEntrySource.FromBytes(StagedAdapterFiles.Config, "{\"r\": 8}"u8.ToArray()),
        ZipEntrySource.FromBytes(StagedAdapterFiles.Weights, weights),
        ZipEntrySource.FromBytes(StagedAdapterFiles.Manifest, "{}"u8.ToArray()),
        ZipEntrySource.FromBytes(ModelCard.FileName, "# card\n"u8.ToArray()),
    ];

    private static async Task<byte[]> ZipAsync(IReadOnlyList<ZipEntrySource> entries, IProgress<long>? progress = null)
    {
        using var zip = new MemoryStream();
        await AdapterZip.WriteAsync(zip, entries, progress, CancellationToken.None);
        return zip.ToArray();
    }

    [Fact]
    public async Task Should_give_identical_bytes()
    {
        var first = await ZipAsync(Entries(StagedAdapter.RandomBytes(300_000)));
        await Task.Delay(2100); // past the ZIP format's two-second time resolution
        var second = await ZipAsync(Entries(StagedAdapter.RandomBytes(300_000)));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), Convert.ToHexStringLower(SHA256.HashData(second)));
    }

    [Fact]
    public async Task Should_give_different_bytes_for_different_weights()
    {
        var first = await ZipAsync(Entries(StagedAdapter.RandomBytes(1000, seed: 1)));
        var second = await ZipAsync(Entries(StagedAdapter.RandomBytes(1000, seed: 2)));

        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(second));
    }

    [Fact]
    public async Task Should_hold_exactly_the_specified_entries_in_order_with_a_fixed_timestamp()
    {
        using var archive = new ZipArchive(new MemoryStream(await ZipAsync(Entries(new byte[10]))), ZipArchiveMode.Read);

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors", "training_manifest.json", "README.md"],
            archive.Entries.Select(e => e.FullName));
        Assert.All(archive.Entries, e => Assert.Equal(AdapterZip.EntryTimestamp.DateTime, e.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task Should_keep_each_file_byte_for_byte()
    {
        var weights = StagedAdapter.RandomBytes(50_000);
        using var archive = new ZipArchive(new MemoryStream(await ZipAsync(Entries(weights))), ZipArchiveMode.Read);

        using var copy = new MemoryStream();
        await using (var entry = archive.GetEntry(StagedAdapterFiles.Weights)!.Open())
        {
            await entry.CopyToAsync(copy);
        }
        Assert.Equal(weights, copy.ToArray());
    }

    [Fact]
    public async Task Should_report_progress_up_to_every_content_byte()
    {
        var reports = new List<long>();
        var entries = Entries(StagedAdapter.RandomBytes(3_000_000));
        await ZipAsync(entries, new SynchronousProgress(reports.Add));

        Assert.Equal(entries.Sum(e => e.Length), reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
