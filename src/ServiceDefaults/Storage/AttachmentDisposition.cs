using System.Text;

namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>
/// <c>attachment; filename="…"; filename*=UTF-8''…</c> (RFC 6266): an ASCII fallback with quotes, backslashes and
/// control characters replaced, and the exact name percent-encoded for clients that read <c>filename*</c>.
/// </summary>
public static class AttachmentDisposition
{
    public static string For(string fileName)
    {
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            fallback.Append(c is >= ' ' and < '\x7f' and not '"' and not '\\' ? c : '_');
        }
        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
