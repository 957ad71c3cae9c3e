using System.Text.Json;
using AdapterPipeline.Domain.TrainingRecords;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>Turns training files into documents: a whole text file, or one per JSON record ("text" or chat "messages").</summary>
public static class TrainingTextReader
{
    public static IReadOnlyList<TrainingDocument> Read(IReadOnlyList<TrainingFile> files)
    {
        if (files.Count == 0)
        {
            throw new TrainingDataException("No training files were given.");
        }
        var documents = new List<TrainingDocument>();
        foreach (var file in files)
        {
            documents.AddRange(ReadFile(file));
        }
        if (documents.Count == 0)
        {
            throw new TrainingDataException($"The training files ({string.Join(", ", files.Select(f => f.Name))}) contain no text.");
        }
        return documents;
    }

    /// <summary>The non-empty documents of one file; a file that cannot be read throws <see cref="TrainingDataException"/> naming it.</summary>
    public static IReadOnlyList<TrainingDocument> ReadFile(TrainingFile file) =>
        Documents(file).Where(d => d.Turns is { Count: > 0 } || !string.IsNullOrWhiteSpace(d.Text)).ToList();

    private static IEnumerable<TrainingDocument> Documents(TrainingFile file)
    {
        var extension = Path.GetExtension(file.Name).ToLowerInvariant();
        string content;
        try
        {
            using var reader = new StreamReader(file.OpenRead(), detectEncodingFromByteOrderMarks: true);
            content = reader.ReadToEnd();
        }
        catch (IOException ex)
        {
            throw new TrainingDataException($"{file.Name} cannot be read: {ex.Message}", ex, file.Name);
        }
        return extension switch
        {
            ".txt" or ".text" or ".md" or ".markdown" => [TrainingDocument.Plain(file.Name, content)],
            ".jsonl" => ReadJsonLines(file.Name, content),
            ".json" => ReadJson(file.Name, content),
            _ => throw new TrainingDataException($"{file.Name}: unsupported file type '{extension}'; use .txt, .text, .md, .markdown, .jsonl or .json.", file: file.Name),
        };
    }

    private static List<TrainingDocument> ReadJsonLines(string name, string content)
    {
        var documents = new List<TrainingDocument>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            try
            {
                documents.Add(ParseRecord($"{name} line {i + 1}", lines[i]));
            }
            catch (TrainingDataException ex)
            {
                throw new TrainingDataException(ex.Message, ex.InnerException, name, i + 1);
            }
        }
        return documents;
    }

    private static List<TrainingDocument> ReadJson(string name, string content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new TrainingDataException($"{name} is not valid JSON: {ex.Message}", ex, name, (int?)ex.LineNumber + 1);
        }
        using (json)
        {
            try
            {
                return json.RootElement.ValueKind == JsonValueKind.Array
                    ? json.RootElement.EnumerateArray().Select((e, i) => RecordText($"{name} item {i}", e)).ToList()
                    : [RecordText(name, json.RootElement)];
            }
            catch (TrainingDataException ex)
            {
                // A parsed document no longer knows its lines; the item index in the message locates the record.
                throw new TrainingDataException(ex.Message, ex.InnerException, name);
            }
        }
    }

    private static TrainingDocument ParseRecord(string where, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return RecordText(where, json.RootElement);
        }
        catch (JsonException ex)
        {
            throw new TrainingDataException($"{where} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static TrainingDocument RecordText(string where, JsonElement element)
    {
        TrainingRecord record;
        try
        {
            record = TrainingRecords.Parse(where, element);
        }
        catch (TrainingRecordException ex)
        {
            throw new TrainingDataException(ex.Message, ex);
        }
        return record.Messages is { } messages
            ? TrainingDocument.Conversation(where, messages.Select(m => new ChatTurn(m.Role, m.Content, m.Weight)).ToList())
            : TrainingDocument.Plain(where, record.Text!);
    }
}
