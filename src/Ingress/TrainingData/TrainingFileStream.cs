using System.Text;
using AdapterPipeline.Ingress.Problems;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// Passes a file's bytes through while checking them: at most <c>maxBytes</c>, and valid UTF-8 across read
/// boundaries (a stateful decoder keeps a split sequence between reads). A violation throws while the file is still
/// streaming, so the upload to S3 is abandoned.
/// </summary>
public sealed class TrainingFileStream(Stream inner, long maxBytes, string field, string fileName) : Stream
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] scratch = new char[64 * 1024];
    private bool finished;

    public long BytesRead { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The multipart reader's way of saying the body ended before the part did.
            throw ApiProblemException.Invalid(field, $"'{fileName}': the body ended early ({ex.Message})");
        }
        if (read == 0)
        {
            if (!finished)
            {
                finished = true;
                Check(ReadOnlySpan<byte>.Empty, flush: true);
            }
            return 0;
        }
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw ApiProblemException.TooLarge(field, $"'{fileName}' is larger than {maxBytes} bytes");
        }
        Check(buffer.Span[..read], flush: false);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    private void Check(ReadOnlySpan<byte> bytes, bool flush)
    {
        try
        {
            do
            {
                decoder.Convert(bytes, scratch, flush, out var used, out _, out _);
                bytes = bytes[used..];
            }
            while (!bytes.IsEmpty);
        }
        catch (DecoderFallbackException)
        {
            throw ApiProblemException.Invalid(field, $"'{fileName}' is not valid UTF-8 text");
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
