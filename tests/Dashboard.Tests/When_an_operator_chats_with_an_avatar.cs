using AdapterPipeline.SystemTests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdapterPipeline.Dashboard.Tests;

/// <summary>
/// The chat panel with a trained avatar: a pinned version answers as it streams, and an avatar without an adapter
/// shows OpenAI's error message.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class When_an_operator_chats_with_an_avatar(DashboardStack stack) : IAsyncLifetime
{
    private readonly AvatarClient avatar = new(stack.Ingress.CreateClient());
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        await avatar.UploadCorpusAsync();
        var job = await avatar.WaitForEndAsync(await avatar.StartJobAsync());
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        page = await stack.OpenAsync(1280, 800);
    }

    public Task DisposeAsync() => page.Context.CloseAsync();

    [Fact]
    public async Task Should_stream_the_answer_of_a_chosen_version()
    {
        await page.GotoAsync("/ui/");
        await page.GetByLabel("API key").FillAsync(DashboardStack.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await OpenAvatarAsync(avatar.UserId, avatar.AvatarId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();

        await page.GetByLabel("Version", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Version 1 (current)" });
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Who keeps the light?");
        var chatCall = page.WaitForRequestAsync(r => r.Url.EndsWith("/v1/chat/completions"));
        await page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");

        var request = await chatCall;
        Assert.Contains($"\"model\":\"{avatar.UserId}/{avatar.AvatarId}@v1\"", request.PostData);
        Assert.Contains("\"stream\":true", request.PostData);
        var answer = page.Locator("#chat-log li.assistant .text").Last;
        await Expect(answer).Not.ToBeEmptyAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true })).ToBeDisabledAsync();
        await Expect(page.Locator("#chat-log li.user .text")).ToHaveTextAsync(["Who keeps the light?"]);
        await Expect(page.Locator("#chat-error")).ToBeEmptyAsync();
        await Screenshots.TakeAsync(page, "chat");

        await OpenAvatarAsync(avatar.UserId, "never-trained");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Hello?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator("#chat-error")).ToContainTextAsync("model: model_not_found");
        await Expect(page.Locator("#chat-log li")).ToHaveCountAsync(0);
    }

    private async Task OpenAvatarAsync(string userId, string avatarId)
    {
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByLabel("Avatar id").FillAsync(avatarId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open avatar" }).ClickAsync();
    }
}
