using System.Buffers;
using System.Text;
using System.Text.Unicode;
using AdapterPipeline.Domain.TrainingRecords;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Problems;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// Passes a file's bytes through while checking them: at most <c>maxBytes</c>, valid UTF-8 across read boundaries,
/// and for <c>.jsonl</c>/<c>.json</c> every record in the format the trainer reads (<see cref="TrainingRecordCheck"/>).
/// A violation throws while the file is still streaming, so the upload to S3 is abandoned.
/// </summary>
public sealed class TrainingFileStream(Stream inner, long maxBytes, string field, string fileName) : Stream
{
    private readonly TrainingRecordCheck? records = TrainingRecordCheck.For(fileName);
    private readonly byte[] pending = new byte[4];
    private int pendingLength;
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
                CheckRecords(check => check.Complete());
            }
            return 0;
        }
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw ApiProblemException.TooLarge(field, $"'{fileName}' is larger than {maxBytes} bytes");
        }
        Check(buffer.Span[..read], flush: false);
        var chunk = buffer[..read];
        CheckRecords(check => check.Append(chunk.Span));
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>
    /// Validates without decoding (<see cref="Utf8.IsValid"/> is vectorised); only a sequence split across reads is
    /// carried over, at most three bytes, and completed from the head of the next read.
    /// </summary>
    private void Check(ReadOnlySpan<byte> bytes, bool flush)
    {
        if (pendingLength > 0 && !bytes.IsEmpty)
        {
            var take = Math.Min(bytes.Length, pending.Length - pendingLength);
            bytes[..take].CopyTo(pending.AsSpan(pendingLength));
            switch (Rune.DecodeFromUtf8(pending.AsSpan(0, pendingLength + take), out _, out var consumed))
            {
                case OperationStatus.Done:
                    bytes = bytes[(consumed - pendingLength)..];
                    pendingLength = 0;
                    break;
                case OperationStatus.NeedMoreData:
                    pendingLength += take;
                    return;
                default:
                    throw NotUtf8();
            }
        }
        if (flush)
        {
            if (pendingLength > 0)
            {
                throw NotUtf8();
            }
            return;
        }
        var tail = IncompleteTail(bytes);
        if (!Utf8.IsValid(bytes[..^tail]))
        {
            throw NotUtf8();
        }
        bytes[^tail..].CopyTo(pending);
        pendingLength = tail;
    }

    /// <summary>How many bytes at the end start a sequence that the next read has to complete.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }
        return 0;
    }

    private void CheckRecords(Action<TrainingRecordCheck> step)
    {
        if (records is null)
        {
            return;
        }
        try
        {
            step(records);
        }
        catch (TrainingRecordException ex)
        {
            var message = $"'{fileName}' is not a training file the trainer can read: {ex.Message}";
            throw new ApiProblemException(ProblemKind.Unprocessable, message, ValidationErrors.Single(field, message));
        }
    }

    private ApiProblemException NotUtf8() => ApiProblemException.Invalid(field, $"'{fileName}' is not valid UTF-8 text");

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
