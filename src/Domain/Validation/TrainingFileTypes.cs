using Microsoft.Extensions.Options;

namespace AdapterPipeline.Domain.Validation;

/// <summary>Decides from a file's extension and its declared content type whether it may be a training file.</summary>
public sealed class TrainingFileTypes(IOptions<TrainingDataOptions> options)
{
    /// <summary>Declarations that say nothing about the content; the extension decides alone.</summary>
    private static readonly string[] Unspecific = ["application/octet-stream", "binary/octet-stream"];

    /// <summary>
    /// The content type to store the file with, or null and <paramref name="problem"/> when the type is not allowed.
    /// Parameters of the declared type (e.g. <c>charset</c>) are ignored; every allowed type is UTF-8 text.
    /// </summary>
    public string? Resolve(string fileName, string? declaredContentType, out string? problem)
    {
        var allowed = options.Value.EffectiveAllowedTypes;
        var extension = Path.GetExtension(fileName);
        if (string.IsNullOrEmpty(extension) || !allowed.TryGetValue(extension, out var types) || types.Length == 0)
        {
            problem = $"'{fileName}': the extension must be one of {string.Join(", ", allowed.Keys.Order(StringComparer.Ordinal))}";
            return null;
        }
        var declared = declaredContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(declared) || Unspecific.Contains(declared) || types.Contains(declared, StringComparer.OrdinalIgnoreCase))
        {
            problem = null;
            return types[0];
        }
        problem = $"'{fileName}': content type {declared} is not allowed for {extension} (allowed: {string.Join(", ", types)})";
        return null;
    }
}
