using System.Buffers.Text;
using System.Text;
using AdapterPipeline.Ingress.Problems;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>Parses query-string values so that a bad one is refused naming its parameter.</summary>
public static class QueryValues
{
    public static bool Flag(string? value, string name, bool fallback) =>
        value is null ? fallback
        : bool.TryParse(value, out var flag) ? flag
        : throw ApiProblemException.Invalid(name, "must be true or false");

    public static int Number(string? value, string name, int fallback, int min, int max) =>
        value is null ? fallback
        : int.TryParse(value, out var n) && n >= min && n <= max ? n
        : throw ApiProblemException.Invalid(name, $"must be a whole number from {min} to {max}");

    /// <summary>The cursor is the last file name of the previous page, base64url-encoded so clients treat it as opaque.</summary>
    public static string Cursor(string fileName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(fileName));

    public static string? AfterCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw ApiProblemException.Invalid("cursor", "is not a cursor this API returned");
        }
    }
}
