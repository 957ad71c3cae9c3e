using System.Net;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_a_file_is_downloaded(TrainingDataSystem system) : IAsyncLifetime
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    public Task InitializeAsync() => avatar.UploadOkAsync(("notes.txt", "the bytes"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_give_a_presigned_url_that_a_plain_client_can_fetch()
    {
        using var response = await system.Http.GetAsync($"{avatar.Base}/download/notes.txt");
        var link = await Avatar.OkJsonAsync(response);

        using var plain = new HttpClient();
        Assert.Equal("the bytes", await plain.GetStringAsync(link.GetProperty("url").GetString()));
        Assert.True(link.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Should_serve_the_file_as_a_download_never_as_a_page()
    {
        await avatar.UploadOkAsync(("page.txt", "<html><script>alert(1)</script></html>"));
        using var response = await system.Http.GetAsync($"{avatar.Base}/download/page.txt");
        var link = await Avatar.OkJsonAsync(response);

        using var plain = new HttpClient();
        using var file = await plain.GetAsync(link.GetProperty("url").GetString());
        file.EnsureSuccessStatusCode();
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("page.txt", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Should_redirect_with_307_when_asked()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.Http.BaseAddress };
        noRedirects.DefaultRequestHeaders.Authorization = system.Http.DefaultRequestHeaders.Authorization;

        using var response = await noRedirects.GetAsync($"{avatar.Base}/download/notes.txt?redirect=true");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        using var plain = new HttpClient();
        Assert.Equal("the bytes", await plain.GetStringAsync(response.Headers.Location));
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_file()
    {
        using var response = await system.Http.GetAsync($"{avatar.Base}/download/other.txt");

        Assert.Contains("file_name", (await Avatar.ProblemAsync(response, 404)).Keys);
    }
}
