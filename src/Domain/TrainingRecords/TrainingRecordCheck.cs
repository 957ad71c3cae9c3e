using System.Text.Json;

namespace AdapterPipeline.Domain.TrainingRecords;

/// <summary>
/// Checks a <c>.jsonl</c> or <c>.json</c> training file record by record as its bytes stream past, holding at most one
/// record (up to <see cref="MaxRecordBytes"/>) and one chunk, so an upload is refused at the first bad record without
/// buffering the file. The first error throws <see cref="TrainingRecordException"/> with its line.
/// </summary>
public sealed class TrainingRecordCheck
{
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    private readonly bool jsonLines;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int length;
    private int linesBefore;
    private int items;
    private bool seenBom;
    private JsonReaderState state;
    private Phase phase = Phase.BeforeRoot;

    private TrainingRecordCheck(bool jsonLines) => this.jsonLines = jsonLines;

    private enum Phase { BeforeRoot, InArray, AfterRoot }

    /// <summary>A check for <paramref name="fileName"/>, or null when its type is not JSON.</summary>
    public static TrainingRecordCheck? For(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jsonl" => new TrainingRecordCheck(jsonLines: true),
        ".json" => new TrainingRecordCheck(jsonLines: false),
        _ => null,
    };

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Store(bytes);
        if (!SkipByteOrderMark())
        {
            return;
        }
        if (jsonLines)
        {
            CheckCompleteLines();
        }
        else
        {
            Advance(isFinalBlock: false);
        }
    }

    /// <summary>The end of the file: checks what is left.</summary>
    public void Complete()
    {
        SkipByteOrderMark();
        seenBom = true;
        if (jsonLines)
        {
            CheckCompleteLines();
            CheckLine(buffer.AsSpan(start, length - start));
            start = length;
            return;
        }
        Advance(isFinalBlock: true);
        if (phase != Phase.AfterRoot)
        {
            throw new TrainingRecordException(
                phase == Phase.InArray ? "the JSON array ends early" : "the file holds no complete JSON value", linesBefore + 1);
        }
    }

    /// <summary>Drops a leading UTF-8 byte order mark (the trainer's reader does); false until three bytes have come.</summary>
    private bool SkipByteOrderMark()
    {
        if (seenBom)
        {
            return true;
        }
        if (length - start < 3)
        {
            return false;
        }
        seenBom = true;
        if (buffer.AsSpan(start, 3).SequenceEqual("\uFEFF"u8))
        {
            start += 3;
        }
        return true;
    }

    private void Store(ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > buffer.Length)
        {
            var kept = length - start;
            if (kept > MaxRecordBytes)
            {
                throw new TrainingRecordException($"a record is longer than {MaxRecordBytes} bytes", linesBefore + 1);
            }
            var target = kept + bytes.Length > buffer.Length / 2 ? new byte[Math.Max(buffer.Length * 2, kept + bytes.Length)] : buffer;
            buffer.AsSpan(start, kept).CopyTo(target);
            buffer = target;
            start = 0;
            length = kept;
        }
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void CheckCompleteLines()
    {
        int end;
        while ((end = buffer.AsSpan(start, length - start).IndexOf((byte)'\n')) >= 0)
        {
            CheckLine(buffer.AsSpan(start, end));
            start += end + 1;
        }
    }

    private void CheckLine(ReadOnlySpan<byte> line)
    {
        linesBefore++;
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return;
        }
        try
        {
            using var json = JsonDocument.Parse(line.ToArray());
            TrainingRecords.Parse($"line {linesBefore}", json.RootElement);
        }
        catch (JsonException ex)
        {
            throw new TrainingRecordException($"line {linesBefore} is not valid JSON: {ex.Message}", linesBefore, ex);
        }
        catch (TrainingRecordException ex)
        {
            throw new TrainingRecordException(ex.Message, linesBefore);
        }
    }

    /// <summary>A JSON array of records, or one record: each record is parsed once it is complete in the buffer.</summary>
    private void Advance(bool isFinalBlock)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, length - start), isFinalBlock, state);
            try
            {
                switch (phase)
                {
                    case Phase.BeforeRoot when !reader.Read():
                    case Phase.InArray when !reader.Read():
                        return;
                    case Phase.BeforeRoot when reader.TokenType == JsonTokenType.StartArray:
                        Commit(ref reader, Phase.InArray);
                        continue;
                    case Phase.InArray when reader.TokenType == JsonTokenType.EndArray:
                        Commit(ref reader, Phase.AfterRoot);
                        continue;
                    case Phase.BeforeRoot:
                    case Phase.InArray:
                        var line = linesBefore + Lines(buffer.AsSpan(start, (int)reader.TokenStartIndex)) + 1;
                        if (!JsonDocument.TryParseValue(ref reader, out var record))
                        {
                            return;
                        }
                        using (record)
                        {
                            var where = phase == Phase.InArray ? $"line {line}: item {items}" : $"line {line}";
                            Check(where, line, record.RootElement);
                        }
                        items++;
                        Commit(ref reader, phase == Phase.InArray ? Phase.InArray : Phase.AfterRoot);
                        continue;
                    default:
                        if (reader.Read())
                        {
                            throw new TrainingRecordException("more than one JSON value at the top level", linesBefore + 1);
                        }
                        Commit(ref reader, Phase.AfterRoot);
                        return;
                }
            }
            catch (JsonException ex)
            {
                var line = linesBefore + (int)(ex.LineNumber ?? 0) + 1;
                throw new TrainingRecordException($"line {line} is not valid JSON: {ex.Message}", line, ex);
            }
        }
    }

    private static void Check(string where, int line, JsonElement record)
    {
        try
        {
            TrainingRecords.Parse(where, record);
        }
        catch (TrainingRecordException ex)
        {
            throw new TrainingRecordException(ex.Message, line);
        }
    }

    private void Commit(ref Utf8JsonReader reader, Phase next)
    {
        var consumed = (int)reader.BytesConsumed;
        linesBefore += Lines(buffer.AsSpan(start, consumed));
        start += consumed;
        state = reader.CurrentState;
        phase = next;
    }

    private static int Lines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');
}
