namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// Logs a stage of a job each time another 10% of its bytes is done. Only the job id, the stage and byte counts are
/// logged: nothing about the user, the avatar or the content.
/// </summary>
public sealed class PercentProgress(ILogger logger, Guid jobId, string stage, long totalBytes) : IProgress<long>
{
    private int lastDecile = -1;

    public void Report(long doneBytes)
    {
        var decile = totalBytes <= 0 ? 10 : (int)Math.Min(10, doneBytes * 10 / totalBytes);
        if (decile <= lastDecile)
        {
            return;
        }
        lastDecile = decile;
        logger.LogInformation("Job {JobId}: {Stage} {Percent}% ({DoneBytes} of {TotalBytes} bytes)",
            jobId, stage, decile * 10, doneBytes, totalBytes);
    }
}

/// <summary>A read-only view of a stream that reports the running count of bytes read (for upload progress).</summary>
public sealed class ProgressReadStream(Stream inner, IProgress<long> progress) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int bytes)
    {
        read += bytes;
        progress.Report(read);
        return bytes;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
