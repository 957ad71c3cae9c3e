using AdapterPipeline.LanguageModels.Tokenization;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Tokenizes documents into examples with their loss targets. A conversation is rendered through the formatter
/// and each turn's span is found by rendering prefixes of the conversation (turns[..i] and turns[..i+1]); the
/// assistant's turns are the targets (from just after the generation prompt to the end of the turn), unless
/// <c>train_on_inputs</c> makes every token one; a message with <c>weight: 0</c> is never a target. The template
/// adds BOS where it has one; nothing else does. A plain text is trained on whole, cut into windows.
/// </summary>
public sealed class ExampleEncoder(TextTokenizer tokenizer, IConversationFormatter formatter, int maxLength, bool trainOnInputs)
{
    /// <summary>A stretch of rendered text tokenized on its own; <see cref="Turn"/> is -1 before the first turn.</summary>
    public sealed record Segment(int Turn, string Text, bool Trained);

    /// <summary>The examples of one document; <see cref="Truncated"/> when a conversation lost turns to fit.</summary>
    public sealed record Encoded(IReadOnlyList<TrainingExample> Examples, bool Truncated);

    public Encoded Encode(TrainingDocument document, int index) => document.Turns is { } turns
        ? EncodeConversation(turns, index)
        : new Encoded(Windows(document.Text!, index), false);

    private List<TrainingExample> Windows(string text, int index)
    {
        var tokens = tokenizer.Encode(text).Append(tokenizer.EndOfSequenceId).ToArray();
        var windows = new List<TrainingExample>();
        for (var start = 0; start < tokens.Length; start += maxLength)
        {
            var window = tokens[start..Math.Min(tokens.Length, start + maxLength)];
            // A window of one token has nothing to predict.
            if (window.Length >= 2)
            {
                windows.Add(new TrainingExample(window, Enumerable.Repeat(true, window.Length).ToArray(), index));
            }
        }
        return windows;
    }

    private Encoded EncodeConversation(IReadOnlyList<ChatTurn> turns, int index)
    {
        var pieces = Segments(formatter, turns, trainOnInputs).Select(s => (s.Turn, s.Trained, Tokens: tokenizer.Encode(s.Text))).ToList();
        var total = pieces.Sum(p => p.Tokens.Count);
        var kept = pieces;
        if (total > maxLength)
        {
            // Whole turns from the end go until the rest fits: a turn is never cut, and the system prompt, which
            // comes first, stays.
            var lastTurn = turns.Count;
            while (lastTurn > 0 && pieces.Where(p => p.Turn < lastTurn).Sum(p => p.Tokens.Count) > maxLength)
            {
                lastTurn--;
            }
            kept = pieces.Where(p => p.Turn < lastTurn).ToList();
        }
        var tokens = kept.SelectMany(p => p.Tokens).ToArray();
        var targets = kept.SelectMany(p => Enumerable.Repeat(p.Trained, p.Tokens.Count)).ToArray();
        var example = new TrainingExample(tokens, targets, index);
        // A conversation whose first turns alone do not fit, or with nothing left to learn from, is dropped.
        return new Encoded(example.TargetCount > 0 && tokens.Length <= maxLength ? [example] : [], kept.Count < pieces.Count);
    }

    /// <summary>
    /// The rendered conversation cut into stretches by turn. Each boundary is where the rendering of the prefix
    /// up to it stops agreeing with the whole rendering, so a template that renders a prefix differently (a
    /// default system prompt when there is none yet, an earlier turn reworded) still yields exact spans.
    /// </summary>
    public static List<Segment> Segments(IConversationFormatter formatter, IReadOnlyList<ChatTurn> turns, bool trainOnInputs)
    {
        var full = formatter.Render(turns, addGenerationPrompt: false);
        var segments = new List<Segment>();
        var start = Boundary(full, () => formatter.Render([], addGenerationPrompt: false), 0);
        segments.Add(new Segment(-1, full[..start], trainOnInputs));
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            var prefix = turns.Take(i).ToList();
            var end = i == turns.Count - 1 ? full.Length : Boundary(full, () => formatter.Render([.. prefix, turn], false), start);
            var trained = turn.Weight != 0 && (trainOnInputs || turn.Role == ChatTurn.Assistant);
            if (turn.Role == ChatTurn.Assistant)
            {
                // The generation prompt (e.g. "<|im_start|>assistant\n") is what inference supplies, not what the model says.
                var reply = Math.Min(end, Boundary(full, () => formatter.Render(prefix, addGenerationPrompt: true), start));
                segments.Add(new Segment(i, full[start..reply], trainOnInputs));
                start = reply;
            }
            segments.Add(new Segment(i, full[start..end], trained));
            start = end;
        }
        return segments.Where(s => s.Text.Length > 0).ToList();
    }

    private static int Boundary(string full, Func<string> renderPrefix, int atLeast)
    {
        string prefix;
        try
        {
            prefix = renderPrefix();
        }
        catch (Exception) when (atLeast == 0)
        {
            // Some templates refuse an empty conversation; then nothing comes before the first turn.
            return 0;
        }
        var common = 0;
        while (common < prefix.Length && common < full.Length && prefix[common] == full[common])
        {
            common++;
        }
        return Math.Max(atLeast, common);
    }
}
