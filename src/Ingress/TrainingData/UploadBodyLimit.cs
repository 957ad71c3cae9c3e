using AdapterPipeline.Ingress.Problems;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// The whole multipart body of one upload request, refused with 413 naming <c>files</c> once it passes
/// <see cref="Domain.Validation.TrainingDataOptions.MaxUploadRequestBytes"/> (the per-file limit alone would let one request
/// carry any number of files).
/// </summary>
public sealed class UploadBodyLimit(Stream inner, long maxBytes) : Stream
{
    private long read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Count(n);
        return n;
    }

    private void Count(int n)
    {
        read += n;
        if (read > maxBytes)
        {
            throw ApiProblemException.TooLarge("files", $"the request body is over {maxBytes} bytes; send the files in several requests");
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
