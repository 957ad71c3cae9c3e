namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// GPT-2's byte-to-character table: each of the 256 byte values maps to one printable character
/// (space becomes 'Ġ'), so byte-level BPE vocabularies can be stored as JSON strings.
/// </summary>
public static class ByteLevelAlphabet
{
    /// <summary>The 256 characters in GPT-2's order: printable bytes first, then the rest shifted past U+0100.</summary>
    public static IReadOnlyList<(byte Byte, char Char)> Table { get; } = Build();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = CharOf[bytes[i]];
        }
        return new string(chars);
    }

    private static readonly char[] CharOf = Table.OrderBy(e => e.Byte).Select(e => e.Char).ToArray();

    private static List<(byte, char)> Build()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1)
            .Concat(Enumerable.Range('¡', '¬' - '¡' + 1))
            .Concat(Enumerable.Range('®', 'ÿ' - '®' + 1))
            .ToHashSet();
        var table = printable.Order().Select(b => ((byte)b, (char)b)).ToList();
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!printable.Contains(b))
            {
                table.Add(((byte)b, (char)(256 + next++)));
            }
        }
        return table;
    }
}
