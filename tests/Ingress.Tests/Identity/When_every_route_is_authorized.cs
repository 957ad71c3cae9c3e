using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AdapterPipeline.Ingress.Tests.TrainingData;

namespace AdapterPipeline.Ingress.Tests.Identity;

/// <summary>
/// The authorization matrix, generated from the OpenAPI document so a new route cannot be forgotten: anonymous → 401;
/// another user's key → 403 (or 404 where the user is not in the path); the owner's key → neither.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_every_route_is_authorized(IdentitySystem system) : IAsyncLifetime
{
    private readonly string Owner = "owner-" + Guid.NewGuid().ToString("N")[..8];
    private string ownerKey = null!;
    private string otherKey = null!;
    private Guid ownersJob;

    public async Task InitializeAsync()
    {
        (_, ownerKey) = await system.IssueKeyAsync(Owner);
        (_, otherKey) = await system.IssueKeyAsync("matrix-other");
        using (var upload = await system.Admin.PostAsync($"/training-data/{Owner}/a1/upload", Avatar.Files(("notes.txt", "some training text"))))
        {
            await Avatar.OkJsonAsync(upload);
        }
        using var train = await system.Admin.PostAsync($"/adapters/{Owner}/a1/train", null);
        Assert.Equal(HttpStatusCode.Accepted, train.StatusCode);
        ownersJob = JsonSerializer.Deserialize<JsonElement>(await train.Content.ReadAsStringAsync()).GetProperty("job_id").GetGuid();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_refuse_anonymous_callers_and_other_users_on_every_operation()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count > 25, $"only {operations.Count} operations in the document");
        using var anonymous = system.Ingress.CreateClientWith(null);
        using var other = system.Ingress.CreateClientWith(otherKey);
        var failures = new List<string>();

        foreach (var (method, template) in operations)
        {
            var path = Fill(template);
            var anonymousStatus = await StatusAsync(anonymous, method, path);
            if (anonymousStatus != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {template}: anonymous got {(int)anonymousStatus}");
            }
            var otherStatus = await StatusAsync(other, method, path);
            var expected = template.Contains("{user_id}") || template.StartsWith("/admin/", StringComparison.Ordinal)
                ? [HttpStatusCode.Forbidden]
                : template.StartsWith("/jobs/", StringComparison.Ordinal) ? new[] { HttpStatusCode.NotFound } : [];
            if (expected.Length > 0 && !expected.Contains(otherStatus))
            {
                failures.Add($"{method} {template}: another user's key got {(int)otherStatus}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Should_let_the_owner_use_every_operation()
    {
        using var owner = system.Ingress.CreateClientWith(ownerKey);
        var failures = new List<string>();

        foreach (var (method, template) in await OperationsAsync())
        {
            // Key management is for service keys: the owner here is the bootstrap key.
            var client = template.StartsWith("/admin/", StringComparison.Ordinal) ? system.Admin : owner;
            var status = await StatusAsync(client, method, Fill(template));
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {template}: the owner got {(int)status}");
            }
        }

        Assert.Empty(failures);
    }

    private async Task<List<(string Method, string Template)>> OperationsAsync()
    {
        var document = JsonDocument.Parse(await system.Admin.GetStringAsync("/openapi/v1.json")).RootElement;
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name.ToUpperInvariant(), path.Name)))
            .ToList();
    }

    private string Fill(string template) => template
        .Replace("{user_id}", Owner).Replace("{avatar_id}", "a1").Replace("{file_name}", "notes.txt")
        .Replace("{upload_id}", "0123456789abcdef").Replace("{job_id}", ownersJob.ToString())
        .Replace("{subscription_id}", Guid.NewGuid().ToString()).Replace("{delivery_id}", Guid.NewGuid().ToString())
        .Replace("{version}", "1").Replace("{key_id}", "0000000000000000")
        // Keeps a ping with no workers listening short.
        + "?wait_ms=100";

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", new MediaTypeHeaderValue("application/json"));
        }
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
