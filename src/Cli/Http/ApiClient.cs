using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdapterPipeline.Cli.Configuration;

namespace AdapterPipeline.Cli.Http;

/// <summary>
/// The Ingress over HTTP: every request carries <c>Authorization: Bearer</c> with the configured key; every refusal
/// becomes an <see cref="ApiProblem"/>.
/// </summary>
public sealed class ApiClient : IDisposable
{
    /// <summary>The API's JSON: snake_case, nulls left out of request bodies.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient http;

    private ApiClient(HttpClient http) => this.http = http;

    /// <summary>A client for the configured Ingress; without a URL there is nothing to talk to (exit code 4).</summary>
    public static ApiClient For(CliEnvironment environment)
    {
        var config = CliConfig.Load(environment);
        if (config.Url is null || !Uri.TryCreate(config.Url.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress))
        {
            throw new NotLoggedIn(environment.ConfigFile);
        }
        // Transfers and live event streams may take as long as they take; Ctrl+C cancels them.
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (config.ApiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.ApiKey);
        }
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("apctl", typeof(ApiClient).Assembly.GetName().Version?.ToString(3)));
        return new ApiClient(http);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), ct);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, ct);

    public Task<JsonElement> PutAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, ct);

    /// <summary>Sends a request and returns its JSON answer (<c>{}</c> for an empty one, e.g. 204).</summary>
    public async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendAsync(request, ct))
        {
            await EnsureSuccessAsync(response, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            return json.RootElement.Clone();
        }
    }

    /// <summary>Sends a request and hands back the response as soon as its headers arrived, for streaming the body.</summary>
    public async Task<HttpResponseMessage> OpenAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        try
        {
            await EnsureSuccessAsync(response, ct);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw ApiProblem.From((int)response.StatusCode, response.ReasonPhrase, await response.Content.ReadAsStringAsync(ct));
        }
    }
}

/// <summary>No Ingress URL is configured: neither <c>apctl login</c> nor <c>APCTL_URL</c>.</summary>
public sealed class NotLoggedIn(string configFile)
    : Exception($"Not logged in: run 'apctl login --url URL --key KEY' or set APCTL_URL and APCTL_API_KEY (looked in {configFile}).");
