using System.Text.Json;
using AdapterPipeline.SystemTests;

namespace AdapterPipeline.Cli.Tests.Keys;

/// <summary>An operator issues, lists and revokes API keys; an issued user key works only for its user.</summary>
[Collection(PipelineCollection.Name)]
public sealed class When_keys_are_managed(SystemTests.Pipeline pipeline) : IDisposable
{
    private readonly Apctl admin = new(pipeline.Http.BaseAddress);
    private readonly string user = "user-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => admin.Dispose();

    [Fact]
    public async Task Should_issue_a_user_key_that_works_for_its_user_only_until_revoked()
    {
        var created = await admin.RunAsync("keys", "create", "--user", user, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var issued = JsonDocument.Parse(created.Stdout);
        var keyId = issued.RootElement.GetProperty("key_id").GetString()!;
        var apiKey = issued.RootElement.GetProperty("api_key").GetString()!;
        Assert.Equal(user, issued.RootElement.GetProperty("user_id").GetString());

        using (var own = new Apctl(pipeline.Http.BaseAddress, apiKey))
        {
            var mine = await own.RunAsync("files", "ls", user, "ada", "--json");
            Assert.True(mine.ExitCode == 0, mine.ToString());
            var theirs = await own.RunAsync("files", "ls", "someone-else", "ada");
            Assert.Equal(4, theirs.ExitCode);
            Assert.Contains("user_id", theirs.Stderr);
            var refused = await own.RunAsync("keys", "ls");
            Assert.Equal(4, refused.ExitCode);
        }

        var listed = await admin.RunAsync("keys", "ls", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(keyId, listed.Stdout);
        Assert.DoesNotContain(apiKey, listed.Stdout);

        var revoked = await admin.RunAsync("keys", "revoke", keyId);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal($"Revoked key {keyId}.", revoked.Stdout.Trim());
        using var revokedKey = new Apctl(pipeline.Http.BaseAddress, apiKey);
        var after = await revokedKey.RunAsync("files", "ls", user, "ada");
        Assert.Equal(4, after.ExitCode);
    }
}
