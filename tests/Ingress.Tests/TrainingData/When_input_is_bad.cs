using System.Net.Http.Headers;
using System.Text;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

/// <summary>Every refusal is problem details naming the field, and nothing stored changes.</summary>
[Collection(TrainingDataCollection.Name)]
public sealed class When_input_is_bad(TrainingDataSystem system) : IAsyncLifetime
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    public Task InitializeAsync() => avatar.UploadOkAsync(("existing.txt", "already here"));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task NothingChanged()
    {
        Assert.Equal(new Dictionary<string, bool> { ["existing.txt"] = true }, await avatar.MetadataJsonInS3Async());
        Assert.Equal(new Dictionary<string, bool> { ["existing.txt"] = true }, await avatar.MetadataAsync());
        Assert.Equal(
            ["metadata.json", "existing.txt"],
            (await avatar.KeysAsync()).Select(k => k.Split('/')[^1]).OrderByDescending(k => k));
    }

    [Theory]
    [InlineData("bad.user", "a1", "user_id")]
    [InlineData("u1", "bad avatar", "avatar_id")]
    [InlineData("u1", "this-avatar-id-is-far-too-long-to-be-accepted-by-the-api-because-it-has-65", "avatar_id")]
    public async Task Should_refuse_ids_outside_the_allowed_characters(string userId, string avatarId, string field)
    {
        using var response = await system.Http.PostAsync($"/training-data/{Uri.EscapeDataString(userId)}/{Uri.EscapeDataString(avatarId)}/upload",
            Avatar.Files(("a.txt", "x")));

        Assert.Contains(field, (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Theory]
    [InlineData("GET", "/training-data/bad.user/a1/list", "user_id")]
    [InlineData("PUT", "/training-data/u1/a1/.hidden.txt/training-flag", "file_name")]
    [InlineData("DELETE", "/training-data/u1/bad%20avatar/a.txt", "avatar_id")]
    [InlineData("GET", "/training-data/u1/a1/download/..a.txt", "file_name")]
    [InlineData("GET", "/adapters/bad.user/a1/info", "user_id")]
    [InlineData("POST", "/adapters/u1/bad.avatar/create", "avatar_id")]
    [InlineData("GET", "/avatars/u1/bad.avatar/history", "avatar_id")]
    [InlineData("GET", "/webhooks/bad.user/subscriptions", "user_id")]
    public async Task Should_refuse_a_bad_id_on_any_route_naming_it(string method, string path, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new StringContent("{\"use_for_training\":true}", Encoding.UTF8, "application/json");
        }

        using var response = await system.Http.SendAsync(request);

        Assert.Equal([field], (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Theory]
    [InlineData("dir/a.txt")]
    [InlineData("dir\\a.txt")]
    [InlineData("..a.txt")]
    [InlineData("a..txt")]
    [InlineData(".hidden.txt")]
    [InlineData("tab\there.txt")]
    public async Task Should_refuse_unsafe_file_names(string fileName)
    {
        using var response = await avatar.UploadAsync(Avatar.Files(("ok.txt", "fine"), (fileName, "x")));

        Assert.Contains("file_name", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_file_name_over_255_bytes()
    {
        var name = new string('é', 127) + ".txt"; // 254 + 4 bytes in UTF-8

        using var response = await avatar.UploadAsync(Avatar.Files((name, "x")));

        Assert.Contains("file_name", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_an_empty_file()
    {
        using var response = await avatar.UploadAsync(Avatar.Files(("empty.txt", "")));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_file_over_the_limit_with_413()
    {
        var big = new byte[TrainingDataSystem.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');

        using var response = await avatar.UploadAsync(Avatar.Files("files", ("big.txt", big, "text/plain")));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 413)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_more_files_than_one_request_may_carry_with_413()
    {
        var files = Enumerable.Range(0, TrainingDataSystem.MaxFilesPerUpload + 1).Select(i => ($"f{i}.txt", "x")).ToArray();

        using var response = await avatar.UploadAsync(Avatar.Files(files));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 413)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_body_over_the_request_limit_with_413()
    {
        var nearlyFull = new byte[TrainingDataSystem.MaxFileBytes - 1024];
        Array.Fill(nearlyFull, (byte)'a');
        var files = Enumerable.Range(0, 4).Select(i => ($"part{i}.txt", nearlyFull, (string?)"text/plain")).ToArray();

        using var response = await avatar.UploadAsync(Avatar.Files("files", files));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 413)).Keys);
        await NothingChanged();
    }

    [Theory]
    [InlineData("model.bin", "application/octet-stream")]
    [InlineData("picture.png", "image/png")]
    [InlineData("noextension", "text/plain")]
    [InlineData("data.json", "image/png")]
    public async Task Should_refuse_a_type_outside_the_allow_list_with_415(string fileName, string contentType)
    {
        using var response = await avatar.UploadAsync(Avatar.Files("files", (fileName, "x"u8.ToArray(), contentType)));

        Assert.Contains("content_type", (await Avatar.ProblemAsync(response, 415)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_text_that_is_not_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("caf\u00e9 au lait");

        using var response = await avatar.UploadAsync(Avatar.Files("files", ("latin1.txt", latin1, "text/plain")));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_jsonl_record_the_trainer_cannot_read_with_422_naming_its_line()
    {
        var lines = "{\"text\": \"fine\"}\n{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n{\"messages\": [{\"role\": \"user\"}]}\n";

        using var response = await avatar.UploadAsync(Avatar.Files("files", ("chat.jsonl", Encoding.UTF8.GetBytes(lines), "application/jsonl")));

        var error = Assert.Single((await Avatar.ProblemAsync(response, 422))["files"]);
        Assert.Contains("chat.jsonl", error);
        Assert.Contains("line 3", error);
        Assert.Contains("\"content\"", error);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_json_array_with_a_bad_item_naming_its_line()
    {
        var json = "[\n  {\"text\": \"one\"},\n  {\"messages\": [{\"role\": \"assistant\", \"content\": \"ok\", \"weight\": 2}]}\n]";

        using var response = await avatar.UploadAsync(Avatar.Files("files", ("chat.json", Encoding.UTF8.GetBytes(json), "application/json")));

        var error = Assert.Single((await Avatar.ProblemAsync(response, 422))["files"]);
        Assert.Contains("line 3: item 1", error);
        Assert.Contains("weight", error);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_utf8_sequence_cut_off_at_the_end_of_the_file()
    {
        var bytes = new byte[TrainingDataSystem.MaxFileBytes - 10];
        Array.Fill(bytes, (byte)'a');
        bytes[^1] = 0xC3; // a sequence cut off at the end of the file

        using var response = await avatar.UploadAsync(Avatar.Files("files", ("cut.txt", bytes, "text/plain")));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_body_without_a_file_part()
    {
        var form = new MultipartFormDataContent { { new StringContent("just a field"), "comment" } };

        using var response = await avatar.UploadAsync(form);

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_body_that_is_not_multipart()
    {
        using var response = await avatar.UploadAsync(new StringContent("hello", Encoding.UTF8, "text/plain"));

        Assert.Contains("files", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_truncated_multipart_body()
    {
        var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nhello", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await avatar.UploadAsync(content);

        await Avatar.ProblemAsync(response, 400);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_the_same_name_twice_in_one_upload()
    {
        using var response = await avatar.UploadAsync(Avatar.Files(("twice.txt", "1"), ("twice.txt", "2")));

        Assert.Contains("file_name", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }

    [Fact]
    public async Task Should_refuse_a_flag_that_is_not_a_boolean()
    {
        using var response = await avatar.UploadAsync(Avatar.Files(("a.txt", "x")), "?use_for_training=yes");

        Assert.Contains("use_for_training", (await Avatar.ProblemAsync(response, 400)).Keys);
        await NothingChanged();
    }
}
