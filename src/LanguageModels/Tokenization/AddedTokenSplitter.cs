namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// Cuts text at added tokens (<c>&lt;|im_start|&gt;</c>, <c>&lt;start_of_turn&gt;</c>, Gemma's runs of newlines…) before any
/// normalisation: at each position the longest added token that starts there wins, scanning left to right.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<string, int> tokens;
    private readonly Dictionary<char, int> longestByFirstChar = [];

    public AddedTokenSplitter(Dictionary<string, int> tokens)
    {
        this.tokens = tokens;
        foreach (var token in tokens.Keys.Where(t => t.Length > 0))
            longestByFirstChar[token[0]] = Math.Max(longestByFirstChar.GetValueOrDefault(token[0]), token.Length);
    }

    /// <summary>Yields (text, null) for ordinary stretches and (token, id) for added tokens.</summary>
    public IEnumerable<(string Text, int? Id)> Split(string text)
    {
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var (length, id) = LongestAt(text, i);
            if (length == 0)
            {
                i++;
                continue;
            }
            if (i > start) yield return (text[start..i], null);
            yield return (text.Substring(i, length), id);
            i += length;
            start = i;
        }
        if (start < text.Length) yield return (text[start..], null);
    }

    private (int Length, int Id) LongestAt(string text, int i)
    {
        if (!longestByFirstChar.TryGetValue(text[i], out var longest)) return (0, 0);
        for (var length = Math.Min(longest, text.Length - i); length > 0; length--)
            if (tokens.TryGetValue(text.Substring(i, length), out var id)) return (length, id);
        return (0, 0);
    }
}
