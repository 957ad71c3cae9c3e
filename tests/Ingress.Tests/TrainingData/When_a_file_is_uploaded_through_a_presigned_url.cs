using System.Net;
using System.Net.Http.Headers;
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

    /// <summary>A PUT as a client sends it: the bytes, with the content type the URL names (the length is the bytes').</summary>
    private static async Task<HttpResponseMessage> TryPutAsync(JsonElement upload, byte[] bytes, string? contentType = null)
    {
        using var plain = new HttpClient();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? upload.GetProperty("headers").GetProperty("Content-Type").GetString()!);
        return await plain.PutAsync(upload.GetProperty("url").GetString(), content);
    }

    private static async Task PutAsync(JsonElement upload, byte[] bytes)
    {
        using var put = await TryPutAsync(upload, bytes);
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
    public async Task Should_sign_the_url_for_the_declared_type_and_length()
    {
        var upload = await RequestUrlAsync("big.txt");

        var signed = QueryOf(upload.GetProperty("url").GetString()!)["X-Amz-SignedHeaders"].Split(';');
        Assert.Contains("content-type", signed);
        Assert.Contains("content-length", signed);
        Assert.Equal("text/plain", upload.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal(Content.Length.ToString(), upload.GetProperty("headers").GetProperty("Content-Length").GetString());
    }

    /// <summary>
    /// S3 refuses such a PUT, since the URL's signature covers its length; s3rver accepts it (it checks a SigV4 URL's
    /// key id and expiry, not its signature), so the confirm's own check is what this shows.
    /// </summary>
    [Fact]
    public async Task Should_refuse_at_confirm_bytes_other_than_the_url_was_signed_for()
    {
        var upload = await RequestUrlAsync("big.txt");
        using var put = await TryPutAsync(upload, Content[..^1]);

        using var response = await ConfirmAsync(upload, "big.txt", Content.Length, Avatar.Sha256(Content));

        var (status, field) = put.IsSuccessStatusCode ? (400, "size_bytes") : (404, "upload_id");
        Assert.Contains(field, (await Avatar.ProblemAsync(response, status)).Keys);
        Assert.Empty(await avatar.KeysAsync());
    }

    [Fact]
    public async Task Should_refuse_a_url_without_a_size()
    {
        using var response = await system.Http.PostAsJsonAsync($"{avatar.Base}/uploads", new { file_name = "big.txt" });

        Assert.Contains("size_bytes", (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_refuse_a_second_confirm_even_after_a_second_put()
    {
        var upload = await RequestUrlAsync("big.txt");
        await PutAsync(upload, Content);
        using (var first = await ConfirmAsync(upload, "big.txt", Content.Length, Avatar.Sha256(Content)))
        {
            await Avatar.OkJsonAsync(first);
        }
        var recorded = (await avatar.ListAsync()).GetProperty("files").GetRawText();
        var replacement = Encoding.UTF8.GetBytes(new string('b', Content.Length));

        await PutAsync(upload, replacement);
        using var again = await ConfirmAsync(upload, "big.txt", replacement.Length, Avatar.Sha256(replacement));

        Assert.Contains("upload_id", (await Avatar.ProblemAsync(again, 409)).Keys);
        Assert.Equal(recorded, (await avatar.ListAsync()).GetProperty("files").GetRawText());
        Assert.Equal(Content, await avatar.ObjectAsync("big.txt"));
        Assert.DoesNotContain(await avatar.KeysAsync(), k => k.StartsWith(StorageKeys.StagingPrefix(avatar.UserId, avatar.AvatarId)));
    }

    private static Dictionary<string, string> QueryOf(string url) =>
        new Uri(url).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

    [Fact]
    public async Task Should_refuse_a_url_for_a_file_over_the_limit()
    {
        using var response = await system.Http.PostAsJsonAsync($"{avatar.Base}/uploads",
            new { file_name = "huge.txt", size_bytes = TrainingDataSystem.MaxFileBytes + 1 });

        Assert.Contains("size_bytes", (await Avatar.ProblemAsync(response, 413)).Keys);
    }
}
