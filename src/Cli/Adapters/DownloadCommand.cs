using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Adapters;

public sealed class DownloadSettings : AvatarSettings
{
    [CommandOption("-o|--output <FILE>")]
    [Description("Where to save the ZIP (default: <avatar>-v<version>.zip here).")]
    public string? Output { get; init; }
}

/// <summary>
/// Streams the current adapter ZIP to a file, hashing it on the way and checking the hash against
/// <c>X-Adapter-Sha256</c>; a file that does not match is deleted.
/// </summary>
public sealed class DownloadCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<DownloadSettings>(terminal, environment)
{
    protected override async Task<int> RunAsync(ApiClient api, DownloadSettings settings, CancellationToken ct)
    {
        using var response = await api.OpenAsync(new HttpRequestMessage(HttpMethod.Get, settings.Adapters), ct);
        var version = Header(response, "X-Adapter-Version");
        var expected = Header(response, "X-Adapter-Sha256");
        var path = Path.GetFullPath(settings.Output ?? $"{settings.Avatar}-v{version}.zip");
        var temporary = path + ".part";
        long size;
        string actual;
        await using (var source = await response.Content.ReadAsStreamAsync(ct))
        await using (var target = File.Create(temporary))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            size = target.Length;
            actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        if (expected is not null && !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(temporary);
            throw new InvalidDataException($"the download's SHA-256 {actual} is not the adapter's {expected}; nothing was saved");
        }
        File.Move(temporary, path, overwrite: true);

        if (settings.Json)
        {
            Terminal.WriteRaw(JsonSerializer.Serialize(new
            {
                path,
                version = int.TryParse(version, out var v) ? v : (int?)null,
                trained = Header(response, "X-Adapter-Trained") == "true",
                base_model = Header(response, "X-Base-Model"),
                sha256 = actual,
                size_bytes = size,
            }));
        }
        else
        {
            Out.MarkupLineInterpolated($"Saved version {version} ({Render.Bytes(size)}, sha256 {actual[..12]}…) to {path}");
        }
        return ExitCodes.Ok;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
