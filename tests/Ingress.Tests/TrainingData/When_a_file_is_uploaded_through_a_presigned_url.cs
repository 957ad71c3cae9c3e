using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_a_file_is_uploaded_through_a_presigned_url(TrainingDataSystem system)
{
    private readonly Avatar avatar = new(system.Http, system.Store);
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a line of training text\n", 1000)));

    private async Task<JsonElement> RequestUrlAsync(string fileName)
    {
        using var response = await system.Http.PostAsJsonAsync($"{avatar.Base}/uploads", new { file_name = fileName, size_bytes = Content.Length });
        return await Avatar.OkJsonAsync(response);
    }

    private static async Task PutAsync(JsonElement upload, byte[] bytes)
    {
        using var plain = new HttpClient();
        using var put = await plain.PutAsync(upload.GetProperty("url").GetString(), new ByteArrayContent(bytes));
        Assert.True(put.IsSuccessStatusCode, $"{put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
    }

    private Task<HttpResponseMessage> ConfirmAsync(JsonElement upload, string fileName, long size, string sha256) =>
        system.Http.PostAsJsonAsync(upload.GetProperty("confirm_path").GetString(),
            new { file_name = fileName, size_bytes = size, sha256, use_for_training = true });

    [Fact]
    public async Task Should_record_the_file_once_confirmed()
    {
        var upload = await RequestUrlAsync("big.txt");
        await PutAsync(upload, Content);

        using var response = await ConfirmAsync(upload, "big.txt", Content.Length, Avatar.Sha256(Content));
        var body = await Avatar.OkJsonAsync(response);

        Assert.Equal(Avatar.Sha256(Content), body.GetProperty("files")[0].GetProperty("sha256").GetString());
        Assert.Equal(Content, await avatar.ObjectAsync("big.txt"));
        Assert.Equal(new Dictionary<string, bool> { ["big.txt"] = true }, await avatar.MetadataJsonInS3Async());
        Assert.DoesNotContain(await avatar.KeysAsync(), k => k.StartsWith(StorageKeys.StagingPrefix(avatar.UserId, avatar.AvatarId)));
    }

    [Fact]
    public async Task Should_refuse_a_wrong_sha256_and_record_nothing()
    {
        var upload = await RequestUrlAsync("big.txt");
        await PutAsync(upload, Content);

        using var response = await ConfirmAsync(upload, "big.txt", Content.Length, Avatar.Sha256("something else"));

        Assert.Contains("sha256", (await Avatar.ProblemAsync(response, 400)).Keys);
        Assert.Empty(await avatar.KeysAsync());
    }

    [Fact]
    public async Task Should_refuse_a_wrong_size_and_record_nothing()
    {
        var upload = await RequestUrlAsync("big.txt");
        await PutAsync(upload, Content);

        using var response = await ConfirmAsync(upload, "big.txt", Content.Length - 1, Avatar.Sha256(Content));

        Assert.Contains("size_bytes", (await Avatar.ProblemAsync(response, 400)).Keys);
        Assert.Empty(await avatar.KeysAsync());
    }

    [Fact]
    public async Task Should_answer_404_for_an_upload_that_never_happened()
    {
        var upload = await RequestUrlAsync("big.txt");

        using var response = await ConfirmAsync(upload, "big.txt", Content.Length, Avatar.Sha256(Content));

        Assert.Contains("upload_id", (await Avatar.ProblemAsync(response, 404)).Keys);
    }

    [Fact]
    public async Task Should_refuse_a_url_for_a_file_over_the_limit()
    {
        using var response = await system.Http.PostAsJsonAsync($"{avatar.Base}/uploads",
            new { file_name = "huge.txt", size_bytes = TrainingDataSystem.MaxFileBytes + 1 });

        Assert.Contains("size_bytes", (await Avatar.ProblemAsync(response, 413)).Keys);
    }
}
