using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.Ingress.Tests.Identity;
using AdapterPipeline.Ingress.Tests.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.Ingress.Tests.Avatars;

/// <summary>PUT, GET and DELETE /avatars/{u}/{a}/system-prompt: recorded in the avatar's history and copied to S3 for the workers.</summary>
[Collection(IdentityCollection.Name)]
public sealed class When_a_system_prompt_is_stored(IdentitySystem system)
{
    private readonly string userId = "u-" + Guid.NewGuid().ToString("N")[..10];
    private const string AvatarId = "persona";

    private string Route => $"/avatars/{userId}/{AvatarId}/system-prompt";

    [Fact]
    public async Task Should_answer_it_record_it_in_the_history_and_copy_it_to_s3()
    {
        var (keyId, key) = await system.IssueKeyAsync(userId);
        using var user = system.Ingress.CreateClientWith(key);

        using var put = await user.PutAsJsonAsync(Route, new { system_prompt = "You are Ada.\n\tYou answer briefly." });
        var stored = await Avatar.OkJsonAsync(put);
        using var get = await user.GetAsync(Route);
        var read = await Avatar.OkJsonAsync(get);

        Assert.Equal("You are Ada.\n\tYou answer briefly.", stored.GetProperty("system_prompt").GetString());
        Assert.Equal(stored.GetProperty("updated_at").GetDateTimeOffset(), read.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Equal(stored.GetProperty("system_prompt").GetString(), read.GetProperty("system_prompt").GetString());
        using var copy = await system.Store.GetAsync(StorageKeys.SystemPrompt(userId, AvatarId), CancellationToken.None);
        Assert.NotNull(copy);
        using var json = await JsonDocument.ParseAsync(copy.ResponseStream);
        Assert.Equal("You are Ada.\n\tYou answer briefly.", json.RootElement.GetProperty("system_prompt").GetString());

        var history = await HistoryAsync();
        var set = Assert.Single(history, e => e.GetProperty("type").GetString() == "system_prompt_set");
        Assert.Equal(keyId, set.GetProperty("acted_by").GetString());
        Assert.Contains("You are Ada.", set.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Should_mend_the_s3_copy_when_the_same_prompt_is_put_again()
    {
        using var first = await system.Admin.PutAsJsonAsync(Route, new { system_prompt = "Kept." });
        await Avatar.OkJsonAsync(first);
        // As if S3 had refused the copy after the first request's commit.
        await system.Store.DeleteAsync(StorageKeys.SystemPrompt(userId, AvatarId), CancellationToken.None);

        using var again = await system.Admin.PutAsJsonAsync(Route, new { system_prompt = "Kept." });
        await Avatar.OkJsonAsync(again);

        Assert.NotNull(await system.Store.HeadAsync(StorageKeys.SystemPrompt(userId, AvatarId), CancellationToken.None));
        Assert.Single(await HistoryAsync(), e => e.GetProperty("type").GetString() == "system_prompt_set");
    }

    [Fact]
    public async Task Should_forget_it_when_deleted_and_answer_404_after()
    {
        using var put = await system.Admin.PutAsJsonAsync(Route, new { system_prompt = "Short-lived." });
        await Avatar.OkJsonAsync(put);

        using var deleted = await system.Admin.DeleteAsync(Route);
        using var again = await system.Admin.DeleteAsync(Route);
        using var get = await system.Admin.GetAsync(Route);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Contains("system_prompt", (await Avatar.ProblemAsync(get, 404)).Keys);
        Assert.Null(await system.Store.HeadAsync(StorageKeys.SystemPrompt(userId, AvatarId), CancellationToken.None));
        var types = (await HistoryAsync()).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["system_prompt_set", "system_prompt_cleared"], types);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"system_prompt":"   \n "}""")]
    [InlineData("""{"system_prompt":"bell\u0007"}""")]
    [InlineData("""{"system_prompt":"nul\u0000"}""")]
    public async Task Should_refuse_a_bad_prompt_naming_the_field(string body)
    {
        using var response = await system.Admin.PutAsync(Route, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("system_prompt", (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_refuse_a_prompt_over_the_configured_length()
    {
        using var longest = await system.Admin.PutAsJsonAsync(Route, new { system_prompt = new string('a', 8000) });
        using var tooLong = await system.Admin.PutAsJsonAsync(Route, new { system_prompt = new string('a', 8001) });

        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Contains("system_prompt", (await Avatar.ProblemAsync(tooLong, 400)).Keys);
    }

    [Fact]
    public async Task Should_keep_other_users_and_read_only_keys_out()
    {
        var (_, other) = await system.IssueKeyAsync("someone-else");
        var (_, reader) = await system.IssueKeyAsync(userId, readOnly: true);
        using var otherUser = system.Ingress.CreateClientWith(other);
        using var readOnly = system.Ingress.CreateClientWith(reader);
        using var put = await system.Admin.PutAsJsonAsync(Route, new { system_prompt = "Mine." });
        await Avatar.OkJsonAsync(put);

        using var foreignRead = await otherUser.GetAsync(Route);
        using var foreignWrite = await otherUser.PutAsJsonAsync(Route, new { system_prompt = "Yours now." });
        using var readOnlyWrite = await readOnly.PutAsJsonAsync(Route, new { system_prompt = "Changed." });
        using var readOnlyDelete = await readOnly.DeleteAsync(Route);
        using var readOnlyRead = await readOnly.GetAsync(Route);

        Assert.Equal(HttpStatusCode.Forbidden, foreignRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnlyWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnlyDelete.StatusCode);
        Assert.Equal("Mine.", (await Avatar.OkJsonAsync(readOnlyRead)).GetProperty("system_prompt").GetString());
    }

    private async Task<List<JsonElement>> HistoryAsync()
    {
        using var response = await system.Admin.GetAsync($"/avatars/{userId}/{AvatarId}/history");
        return (await Avatar.OkJsonAsync(response)).GetProperty("events").EnumerateArray().ToList();
    }
}
