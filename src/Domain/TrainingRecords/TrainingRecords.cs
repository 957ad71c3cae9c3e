using System.Text.Json;

namespace AdapterPipeline.Domain.TrainingRecords;

/// <summary>
/// The format rules of a JSON training record, shared by the upload check and the trainer so that a file accepted at
/// upload is read the same way when it trains.
/// </summary>
public static class TrainingRecords
{
    /// <summary>The record in <paramref name="record"/>; <paramref name="where"/> prefixes the error message.</summary>
    /// <exception cref="TrainingRecordException">The record has neither a string "text" nor well-formed "messages".</exception>
    public static TrainingRecord Parse(string where, JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new TrainingRecordException($"{where}: expected an object with \"text\" or \"messages\".");
        }
        if (record.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            return new TrainingRecord(text.GetString()!, null);
        }
        if (record.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            return new TrainingRecord(null, messages.EnumerateArray().Select(m => Message(where, m)).ToList());
        }
        throw new TrainingRecordException($"{where}: expected a string \"text\" or an array \"messages\".");
    }

    private static TrainingRecordMessage Message(string where, JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return new TrainingRecordMessage(role.GetString()!, content.GetString()!, Weight(where, message));
        }
        throw new TrainingRecordException($"{where}: every message needs string \"role\" and \"content\".");
    }

    private static int? Weight(string where, JsonElement message)
    {
        if (!message.TryGetProperty("weight", out var weight) || weight.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (weight.ValueKind == JsonValueKind.Number && weight.TryGetInt32(out var value) && value is 0 or 1)
        {
            return value;
        }
        throw new TrainingRecordException($"{where}: a message's \"weight\" must be 0 or 1.");
    }
}
