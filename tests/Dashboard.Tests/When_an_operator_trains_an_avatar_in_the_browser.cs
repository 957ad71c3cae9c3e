using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using AdapterPipeline.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdapterPipeline.Dashboard.Tests;

/// <summary>
/// The whole journey in a real browser: sign in, subscribe a webhook, upload, train the tiny base and watch the loss
/// curve fill from the live stream, train again, restore the first version, read the history, see and redeliver the
/// webhook deliveries. Each page is photographed for the README.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class When_an_operator_trains_an_avatar_in_the_browser(DashboardStack stack) : IAsyncLifetime
{
    private const string Corpus = "Ada keeps the light on Gull Rock. The Marigold passed at noon. Lit the lamp at six. ";
    private static readonly TimeSpan JobPatience = TimeSpan.FromMinutes(4);

    private readonly string userId = "user-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string avatarId = "avatar-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<IRequest> apiCalls = new();
    private WebhookReceiver receiver = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        page = await stack.OpenAsync(1280, 800);
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "fetch" or "xhr")
            {
                apiCalls.Enqueue(request);
            }
        };
    }

    public async Task DisposeAsync()
    {
        await page.Context.CloseAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Should_sign_in_upload_train_restore_and_see_a_delivery()
    {
        await page.GotoAsync("/ui/");
        await Screenshots.TakeAsync(page, "sign-in");
        await page.GetByLabel("API key").FillAsync(DashboardStack.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByLabel("Avatar id").FillAsync(avatarId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open avatar" }).ClickAsync();
        Assert.Equal(DashboardStack.ApiKey, await page.EvaluateAsync<string>("sessionStorage.getItem('adapterPipeline.apiKey')"));

        var hookPath = WebhookReceiver.NewPath();
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await page.GetByLabel("Callback URL").FillAsync(receiver.UrlFor(hookPath));
        await page.GetByLabel("adapter.training.succeeded").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.Locator("#sub-secret")).ToContainTextAsync("whsec_");
        await Expect(page.Locator("#subscriptions-table")).ToContainTextAsync(receiver.UrlFor(hookPath));

        await page.GetByRole(AriaRole.Link, new() { Name = "Training files" }).ClickAsync();
        await page.GetByLabel("Files to upload").SetInputFilesAsync(new FilePayload
        {
            Name = "persona.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Corpus, 12))),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.Locator("#files-table")).ToContainTextAsync("persona.txt");
        await Expect(page.GetByLabel("Upload progress")).ToHaveAttributeAsync("value", "100");
        await Expect(page.GetByLabel("Use persona.txt for training")).ToBeCheckedAsync();
        await Screenshots.TakeAsync(page, "files");

        await TrainAsync(epochs: 3);
        await Expect(page.Locator("#loss-chart")).ToHaveAttributeAsync("data-points", new Regex("^([2-9]|[1-9][0-9]+)$"), new() { Timeout = Ms(JobPatience) });
        await Expect(page.Locator("#job-state")).ToHaveTextAsync("succeeded", new() { Timeout = Ms(JobPatience) });
        await Expect(page.Locator("#job-version")).ToHaveTextAsync("1");
        await Screenshots.TakeAsync(page, "job");
        await TrainAsync(epochs: 1);
        await Expect(page.Locator("#job-state")).ToHaveTextAsync("succeeded", new() { Timeout = Ms(JobPatience) });

        await page.GetByRole(AriaRole.Link, new() { Name = "Versions" }).ClickAsync();
        await Expect(page.Locator("#versions-summary")).ToContainTextAsync("version 2 is current");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore version 1" }).ClickAsync();
        await Expect(page.Locator("#versions-summary")).ToContainTextAsync("version 1 is current");
        await Expect(page.Locator("#versions-table")).ToContainTextAsync("1 (current)");
        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download current adapter" }).ClickAsync());
        Assert.Equal($"{avatarId}.zip", zip.SuggestedFilename);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync((await zip.PathAsync())!))[..2]);
        await Screenshots.TakeAsync(page, "versions");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("#history-list")).ToContainTextAsync(new Regex("restored", RegexOptions.IgnoreCase));
        await Screenshots.TakeAsync(page, "history");

        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        var succeeded = page.Locator("#deliveries-table td[data-state=succeeded]");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await succeeded.CountAsync() < 2 && DateTime.UtcNow < deadline)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Refresh deliveries" }).ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        Assert.Equal(2, await succeeded.CountAsync());
        await Screenshots.TakeAsync(page, "webhooks");
        await receiver.WaitForAsync(hookPath, count: 2);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Redeliver adapter.training.succeeded to {receiver.UrlFor(hookPath)}" }).First.ClickAsync();
        await receiver.WaitForAsync(hookPath, count: 3);

        Assert.DoesNotContain(DashboardStack.ApiKey, page.Url);
        Assert.NotEmpty(apiCalls);
        foreach (var call in apiCalls)
        {
            var headers = await call.AllHeadersAsync();
            Assert.True(headers.GetValueOrDefault("authorization") == $"Bearer {DashboardStack.ApiKey}", $"{call.Method} {call.Url} went without the key");
            Assert.DoesNotContain(DashboardStack.ApiKey, call.Url);
        }
    }

    private async Task TrainAsync(int epochs)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Train", Exact = true }).ClickAsync();
        await page.GetByLabel("Epochs").FillAsync(epochs.ToString());
        await page.GetByLabel("Learning rate").FillAsync("0.001");
        await page.GetByLabel("Batch size").FillAsync("2");
        await page.GetByLabel("Max sequence length").FillAsync("32");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("#job/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#job-id")).ToHaveTextAsync(new Uri(page.Url).Fragment[("#job/".Length)..]);
    }

    private static float Ms(TimeSpan t) => (float)t.TotalMilliseconds;
}
