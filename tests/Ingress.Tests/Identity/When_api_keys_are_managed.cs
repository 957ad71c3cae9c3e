using System.Net;
using System.Text.Json;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Tests.TrainingData;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.Ingress.Tests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class When_api_keys_are_managed(IdentitySystem system)
{
    [Fact]
    public async Task Should_issue_a_key_shown_once_that_then_works()
    {
        var (keyId, key) = await system.IssueKeyAsync("alice", expiresInDays: 30);
        using var alice = system.Ingress.CreateClientWith(key);

        using var response = await alice.GetAsync("/training-data/alice/a1/list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^ap_live_[0-9a-f]{16}_[0-9a-f]{64}\z", key);
        var listed = await system.Admin.GetStringAsync("/admin/api-keys");
        Assert.Contains(keyId, listed);
        Assert.DoesNotContain(key, listed);
        var entry = JsonSerializer.Deserialize<JsonElement>(listed).GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("key_id").GetString() == keyId);
        Assert.Equal("alice", entry.GetProperty("user_id").GetString());
        Assert.True(entry.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29));
    }

    [Fact]
    public async Task Should_store_only_a_hash_of_the_key()
    {
        var (keyId, key) = await system.IssueKeyAsync(null);

        var stored = await system.Ingress.Services.GetRequiredService<ApiKeyStore>().FindAsync(keyId, CancellationToken.None);

        Assert.Equal(ApiKeyToken.Hash(key), stored!.Hash);
        Assert.Null(stored.UserId);
    }

    [Fact]
    public async Task Should_refuse_changes_with_a_read_only_key_and_allow_reads()
    {
        var (_, key) = await system.IssueKeyAsync("bob", readOnly: true);
        using var bob = system.Ingress.CreateClientWith(key);

        using var read = await bob.GetAsync("/training-data/bob/a1/list");
        using var change = await bob.DeleteAsync("/training-data/bob/a1/non-training-files");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("authorization", (await Avatar.ProblemAsync(change, 403)).Keys);
    }

    [Fact]
    public async Task Should_refuse_a_revoked_key_within_five_seconds()
    {
        var (keyId, key) = await system.IssueKeyAsync("carol");
        using var carol = system.Ingress.CreateClientWith(key);
        using (var before = await carol.GetAsync("/training-data/carol/a1/list"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoked = await system.Admin.DeleteAsync($"/admin/api-keys/{keyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        do
        {
            using var after = await carol.GetAsync("/training-data/carol/a1/list");
            status = after.StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Should_refuse_a_key_revoked_by_another_instance_within_five_seconds()
    {
        var (keyId, key) = await system.IssueKeyAsync("frank");
        using var frank = system.Ingress.CreateClientWith(key);
        using (var before = await frank.GetAsync("/training-data/frank/a1/list"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Straight in the table, as another Ingress instance would: this instance's cache is not told.
        await system.Ingress.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(keyId, DateTimeOffset.UtcNow, CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        do
        {
            using var after = await frank.GetAsync("/training-data/frank/a1/list");
            status = after.StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Should_refuse_an_expired_key()
    {
        var (keyId, key) = ApiKeyToken.Create();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await system.Ingress.Services.GetRequiredService<ApiKeyStore>().AddAsync(
            new StoredApiKey(keyId, ApiKeyToken.Hash(key), "dave", false, yesterday.AddDays(-1), yesterday, null, null), CancellationToken.None);
        using var dave = system.Ingress.CreateClientWith(key);

        using var response = await dave.GetAsync("/training-data/dave/a1/list");

        await Avatar.ProblemAsync(response, 401);
    }

    [Fact]
    public async Task Should_let_only_a_service_key_manage_keys()
    {
        var (_, userKey) = await system.IssueKeyAsync("erin");
        var (_, readOnlyServiceKey) = await system.IssueKeyAsync(null, readOnly: true);
        using var erin = system.Ingress.CreateClientWith(userKey);
        using var readOnlyService = system.Ingress.CreateClientWith(readOnlyServiceKey);

        using var byUser = await erin.GetAsync("/admin/api-keys");
        using var byReadOnly = await readOnlyService.GetAsync("/admin/api-keys");

        await Avatar.ProblemAsync(byUser, 403);
        await Avatar.ProblemAsync(byReadOnly, 403);
    }

    [Theory]
    [InlineData("{\"user_id\":\"bad user\"}", "user_id")]
    [InlineData("{\"expires_in_days\":0}", "expires_in_days")]
    public async Task Should_refuse_a_bad_request_for_a_key(string json, string field)
    {
        using var response = await system.Admin.PostAsync("/admin/api-keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains(field, (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_answer_404_when_revoking_an_unknown_key()
    {
        using var response = await system.Admin.DeleteAsync("/admin/api-keys/0000000000000000");

        Assert.Contains("key_id", (await Avatar.ProblemAsync(response, 404)).Keys);
    }
}
