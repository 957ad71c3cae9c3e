using System.IO.Compression;

namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>One ZIP entry: its name, its length in bytes (for progress), and how to open its content.</summary>
public sealed record ZipEntrySource(string Name, long Length, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    public static ZipEntrySource FromBytes(string name, byte[] content) =>
        new(name, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false)));
}

/// <summary>
/// Writes the adapter ZIP. Same entries in, same bytes out: entries go in the given order, each with a fixed
/// timestamp and Unix mode, deflated at one level, and nothing of the clock, user or host is recorded.
/// </summary>
public static class AdapterZip
{
    /// <summary>The DOS epoch, as reproducible-build tools use it.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Regular file, rw-r--r--, in the high word as Unix zip tools store it.</summary>
    private const int UnixFileAttributes = 0b1000_000_110_100_100 << 16;

    private const int CopyBufferSize = 1024 * 1024;

    /// <param name="destination">A seekable stream (a temp file), so entry headers are written in place without data descriptors.</param>
    /// <param name="entries">The entries, in order.</param>
    /// <param name="progress">Receives the running total of content bytes written.</param>
    /// <param name="ct">Cancels the write.</param>
    public static async Task WriteAsync(Stream destination, IReadOnlyList<ZipEntrySource> entries, IProgress<long>? progress, CancellationToken ct)
    {
        var buffer = new byte[CopyBufferSize];
        long written = 0;
        using (var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var source in entries)
            {
                var entry = archive.CreateEntry(source.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTimestamp;
                entry.ExternalAttributes = UnixFileAttributes;
                await using var input = await source.OpenAsync(ct);
                await using var output = entry.Open();
                int read;
                while ((read = await input.ReadAsync(buffer, ct)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                    written += read;
                    progress?.Report(written);
                }
            }
        }
        await destination.FlushAsync(ct);
    }
}
