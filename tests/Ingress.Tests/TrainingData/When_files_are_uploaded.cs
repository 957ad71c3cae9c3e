using System.Net;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_files_are_uploaded(TrainingDataSystem system)
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    [Fact]
    public async Task Should_return_each_stored_file_with_size_and_sha256()
    {
        var body = await avatar.UploadOkAsync(("a.txt", "hello"), ("b.md", "# title"));

        var files = body.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["a.txt", "b.md"], files.Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(5, files[0].GetProperty("size_bytes").GetInt64());
        Assert.Equal(Avatar.Sha256("hello"), files[0].GetProperty("sha256").GetString());
        Assert.Equal("text/plain", files[0].GetProperty("content_type").GetString());
        Assert.Equal("text/markdown", files[1].GetProperty("content_type").GetString());
        Assert.True(files[0].GetProperty("use_for_training").GetBoolean());
        Assert.True(files[0].GetProperty("uploaded_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Should_store_the_bytes_under_the_training_data_key()
    {
        await avatar.UploadOkAsync(("a.txt", "hello"));

        Assert.Equal("hello"u8.ToArray(), await avatar.ObjectAsync("a.txt"));
    }

    [Fact]
    public async Task Should_leave_nothing_in_staging()
    {
        await avatar.UploadOkAsync(("a.txt", "hello"), ("b.txt", "world"));

        Assert.DoesNotContain(await avatar.KeysAsync(), k => k.StartsWith(StorageKeys.StagingPrefix(avatar.UserId, avatar.AvatarId)));
    }

    [Fact]
    public async Task Should_list_them_at_once()
    {
        await avatar.UploadOkAsync(("a.txt", "hello"), ("b.txt", "world"));

        var list = await avatar.ListAsync();

        Assert.Equal(["a.txt", "b.txt"], list.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(2, list.GetProperty("total_files").GetInt32());
        Assert.Equal(10, list.GetProperty("total_bytes").GetInt64());
    }

    [Fact]
    public async Task Should_write_metadata_json_with_each_file_flagged()
    {
        await avatar.UploadOkAsync(("a.txt", "hello"), ("b.txt", "world"));

        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true, ["b.txt"] = true }, await avatar.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_answer_the_metadata_endpoint_with_exactly_the_metadata_json_content()
    {
        await avatar.UploadOkAsync(("a.txt", "hello"));

        Assert.Equal(await avatar.MetadataJsonInS3Async(), await avatar.MetadataAsync());
    }

    [Fact]
    public async Task Should_record_the_flag_given_in_the_query()
    {
        using var response = await avatar.UploadAsync(Avatar.Files(("a.txt", "hello")), "?use_for_training=false");
        await Avatar.OkJsonAsync(response);

        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = false }, await avatar.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_accept_a_single_file_field()
    {
        using var response = await avatar.UploadAsync(Avatar.Files("file", ("one.jsonl", "{\"text\":\"a\"}\n"u8.ToArray(), "application/x-ndjson")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Dictionary<string, bool> { ["one.jsonl"] = true }, await avatar.MetadataAsync());
    }
}
