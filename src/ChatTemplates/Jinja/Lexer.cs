using System.Text;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>
/// Splits a template into text and tag tokens the way @huggingface/jinja does (the renderer Hugging Face's
/// JavaScript libraries use): <c>trim_blocks</c> and <c>lstrip_blocks</c> on, one trailing newline dropped,
/// <c>{%-</c>/<c>-%}</c> strip adjacent whitespace, and <c>{% generation %}</c> markers removed.
/// </summary>
internal static class Lexer
{
    private static readonly string[] Symbols =
        ["**", "//", "<=", ">=", "==", "!=", "(", ")", "{", "}", "[", "]", ",", ".", ":", "|", "<", ">", "+", "-", "~", "*", "/", "%", "="];

    public static (List<Token> Tokens, SourceMap Map) Tokenize(string template)
    {
        var map = SourceMap.Preprocess(template);
        var src = map.Text;
        var tokens = new List<Token>();
        var pos = 0;
        var curlyDepth = 0;
        var inTag = false;

        while (pos < src.Length)
        {
            if (!inTag)
            {
                var start = pos;
                while (pos < src.Length && !(src[pos] == '{' && pos + 1 < src.Length && src[pos + 1] is '%' or '{' or '#'))
                    pos++;
                if (pos > start)
                {
                    tokens.Add(new Token(TokenKind.Text, src[start..pos], start));
                    continue;
                }
                if (pos >= src.Length) break;

                if (src[pos + 1] == '#')
                {
                    var stripBefore = pos + 2 < src.Length && src[pos + 2] == '-';
                    var close = src.IndexOf("#}", pos + 2, StringComparison.Ordinal);
                    if (close < 0) throw map.Error("missing end of comment tag '#}'", pos);
                    var stripAfter = close > pos + 2 && src[close - 1] == '-';
                    if (stripBefore) StripTrailingWhitespace(tokens);
                    pos = close + 2;
                    if (stripAfter) pos = SkipWhitespace(src, pos);
                    continue;
                }

                var open = src[pos + 1] == '%' ? TokenKind.OpenStatement : TokenKind.OpenExpression;
                tokens.Add(new Token(open, src.Substring(pos, 2), pos));
                pos += 2;
                if (pos < src.Length && src[pos] == '-')
                {
                    StripTrailingWhitespace(tokens, skipLast: true);
                    pos++;
                }
                inTag = true;
                curlyDepth = 0;
                continue;
            }

            pos = SkipWhitespace(src, pos);
            if (pos >= src.Length) break;

            if (Closes(src, pos, "-%}") || Closes(src, pos, "-}}") && curlyDepth == 0)
            {
                tokens.Add(new Token(src[pos + 1] == '%' ? TokenKind.CloseStatement : TokenKind.CloseExpression, src.Substring(pos + 1, 2), pos));
                pos = SkipWhitespace(src, pos + 3);
                inTag = false;
                continue;
            }
            if (Closes(src, pos, "%}") || Closes(src, pos, "}}") && curlyDepth == 0)
            {
                tokens.Add(new Token(src[pos] == '%' ? TokenKind.CloseStatement : TokenKind.CloseExpression, src.Substring(pos, 2), pos));
                pos += 2;
                inTag = false;
                continue;
            }

            var c = src[pos];
            if (c is '\'' or '"')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(src, ref pos, map), pos));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = pos;
                while (pos < src.Length && char.IsAsciiDigit(src[pos])) pos++;
                var afterDot = tokens.Count > 0 && tokens[^1] is { Kind: TokenKind.Symbol, Value: "." };
                if (!afterDot && pos + 1 < src.Length && src[pos] == '.' && char.IsAsciiDigit(src[pos + 1]))
                {
                    pos++;
                    while (pos < src.Length && char.IsAsciiDigit(src[pos])) pos++;
                }
                tokens.Add(new Token(TokenKind.Number, src[start..pos], start));
                continue;
            }
            if (IsWordChar(c))
            {
                var start = pos;
                while (pos < src.Length && IsWordChar(src[pos])) pos++;
                tokens.Add(new Token(TokenKind.Name, src[start..pos], start));
                continue;
            }
            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(src, pos, s, 0, s.Length) == 0)
                ?? throw map.Error($"unexpected character '{c}'", pos);
            if (symbol == "{") curlyDepth++;
            if (symbol == "}") curlyDepth--;
            tokens.Add(new Token(TokenKind.Symbol, symbol, pos));
            pos += symbol.Length;
        }
        if (inTag) throw map.Error("unclosed tag at end of template", src.Length);
        tokens.Add(new Token(TokenKind.End, "", src.Length));
        return (tokens, map);
    }

    private static bool Closes(string src, int pos, string seq) => string.CompareOrdinal(src, pos, seq, 0, seq.Length) == 0;

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>JavaScript's notion of whitespace (<c>\s</c>, <c>trim</c>), which the reference renderer strips.</summary>
    internal static bool IsJsWhitespace(char c) => c == '\uFEFF' || (char.IsWhiteSpace(c) && c != '\u0085');

    private static int SkipWhitespace(string src, int pos)
    {
        while (pos < src.Length && IsJsWhitespace(src[pos])) pos++;
        return pos;
    }

    private static void StripTrailingWhitespace(List<Token> tokens, bool skipLast = false)
    {
        var index = tokens.Count - (skipLast ? 2 : 1);
        if (index < 0 || tokens[index].Kind != TokenKind.Text) return;
        var text = tokens[index].Value;
        var end = text.Length;
        while (end > 0 && IsJsWhitespace(text[end - 1])) end--;
        if (end == 0) tokens.RemoveAt(index);
        else tokens[index] = tokens[index] with { Value = text[..end] };
    }

    private static string ReadString(string src, ref int pos, SourceMap map)
    {
        var quote = src[pos];
        var start = pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= src.Length) throw map.Error("unterminated string literal", start);
            var c = src[pos++];
            if (c == quote) return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (pos >= src.Length) throw map.Error("unterminated string literal", start);
            var e = src[pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\'' or '"' or '\\': sb.Append(e); break;
                case 'x' or 'u':
                    var length = e == 'x' ? 2 : 4;
                    if (pos + length > src.Length || !int.TryParse(src.AsSpan(pos, length), System.Globalization.NumberStyles.HexNumber, null, out var code))
                        throw map.Error($"invalid escape sequence '\\{e}'", pos - 2);
                    sb.Append((char)code);
                    pos += length;
                    break;
                default: throw map.Error($"unsupported escape sequence '\\{e}'", pos - 2);
            }
        }
    }
}
