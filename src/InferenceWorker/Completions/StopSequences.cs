using AdapterPipeline.LanguageModels.Tokenization;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Turns decoded tokens into text pieces safe to send: text that could still become a stop sequence, or that ends in
/// half a UTF-8 character, is held back until the next token settles it; text from a stop sequence on is never sent.
/// </summary>
public sealed class StopSequences(TextTokenizer tokenizer, IReadOnlyList<string> stops)
{
    private readonly List<int> ids = [];
    private int sent;

    /// <summary>The text to send after <paramref name="id"/>, and whether a stop sequence ended the reply.</summary>
    public (string Piece, bool Stopped) Add(int id)
    {
        ids.Add(id);
        var text = tokenizer.Decode(ids);
        var stopAt = stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (stopAt >= 0)
        {
            return (Take(text, Math.Max(stopAt, sent)), true);
        }
        var end = text.EndsWith('\uFFFD') ? text.Length - 1 : text.Length;
        end -= stops.Select(s => HeldBack(text[..end], s)).DefaultIfEmpty(0).Max();
        return (Take(text, Math.Max(end, sent)), false);
    }

    /// <summary>Whatever was held back, once decoding ended without a stop sequence.</summary>
    public string Flush() => Take(tokenizer.Decode(ids), tokenizer.Decode(ids).Length);

    private string Take(string text, int end)
    {
        var piece = text[sent..end];
        sent = end;
        return piece;
    }

    // The longest end of the text that is a proper beginning of the stop sequence.
    private static int HeldBack(string text, string stop)
    {
        for (var length = Math.Min(stop.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
            {
                return length;
            }
        }
        return 0;
    }
}
