using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AdapterPipeline.Domain.Text;

namespace AdapterPipeline.Domain.Validation;

/// <summary>
/// The rules for ids and names that reach object keys and event streams. Ingress checks them at the edge and the
/// metadata service again for commands published on the bus, so both use this one type.
/// </summary>
public static partial class InputRules
{
    public const int MaxFileNameBytes = 255;

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[0-9a-f]{64}\z")]
    private static partial Regex Sha256Pattern();

    /// <summary>Why <paramref name="value"/> is not a valid user, avatar or upload id; null when it is.</summary>
    public static string? IdProblem(string? value) =>
        value is not null && IdPattern().IsMatch(value) ? null : "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";

    /// <summary>Why <paramref name="value"/> cannot name a training file; null when it can.</summary>
    public static string? FileNameProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is required";
        }
        if (value.Contains('/') || value.Contains('\\'))
        {
            return "must not contain '/' or '\\'";
        }
        if (value.Contains(".."))
        {
            return "must not contain '..'";
        }
        if (value.Any(char.IsControl))
        {
            return "must not contain control characters";
        }
        if (value.StartsWith('.'))
        {
            return "must not start with '.'";
        }
        if (value.Any(char.IsSurrogate) && !IsWellFormedUtf16(value))
        {
            return "must be valid Unicode";
        }
        // Bidirectional overrides (U+202E shows "txt.exe" as "exe.txt") and invisible characters make a name read as another.
        if (value.FirstOrDefault(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format) is var format and not '\0')
        {
            return $"must not contain invisible or bidirectional formatting characters (U+{(int)format:X4})";
        }
        // One spelling per name: "é" composed or decomposed would otherwise be two files that look alike.
        if (Nfc.Normalize(value) != value)
        {
            return "must be in Unicode normalization form C (NFC)";
        }
        if (Encoding.UTF8.GetByteCount(value) > MaxFileNameBytes)
        {
            return $"must be at most {MaxFileNameBytes} bytes in UTF-8";
        }
        return null;
    }

    /// <summary>Why <paramref name="value"/> is not a lowercase hex SHA-256; null when it is.</summary>
    public static string? Sha256Problem(string? value) =>
        value is not null && Sha256Pattern().IsMatch(value) ? null : "must be 64 lowercase hex digits";

    /// <summary>
    /// The longest system prompt the metadata service records whatever the Ingress allows (<c>Inference:SystemPromptMaxLength</c>
    /// is the limit callers meet), so a command published on the bus cannot grow the event store without bound.
    /// </summary>
    public const int MaxSystemPromptLength = 100_000;

    /// <summary>Why <paramref name="text"/> cannot be an avatar's system prompt; null when it can.</summary>
    public static string? SystemPromptProblem(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is required and must not be blank";
        }
        if (text.Length > maxLength)
        {
            return $"must be at most {maxLength} characters";
        }
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return "must not contain control characters other than line feeds and tabs";
        }
        if (text.Any(char.IsSurrogate) && !IsWellFormedUtf16(text))
        {
            return "must be valid Unicode";
        }
        return null;
    }

    /// <summary>Checks the user and avatar ids every training-data message carries.</summary>
    public static ValidationErrors CheckAvatar(string? userId, string? avatarId) =>
        new ValidationErrors()
            .AddIf("user_id", IdProblem(userId))
            .AddIf("avatar_id", IdProblem(avatarId));

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
