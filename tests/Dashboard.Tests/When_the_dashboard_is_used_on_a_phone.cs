using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdapterPipeline.Dashboard.Tests;

/// <summary>At 390 px wide, by keyboard alone: every page fits the screen without sideways scrolling.</summary>
[Collection(DashboardCollection.Name)]
public sealed class When_the_dashboard_is_used_on_a_phone(DashboardStack stack) : IAsyncLifetime
{
    private IPage page = null!;

    public async Task InitializeAsync() => page = await stack.OpenAsync(390, 844);

    public Task DisposeAsync() => page.Context.CloseAsync();

    [Fact]
    public async Task Should_fit_every_page_and_work_from_the_keyboard()
    {
        await page.GotoAsync("/ui/");
        await TabToAsync("api-key");
        await page.Keyboard.TypeAsync(DashboardStack.ApiKey);
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync("user-id");
        await page.Keyboard.TypeAsync("phone-user");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("phone-avatar");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#files-summary")).ToContainTextAsync("0 file(s)");

        foreach (var (link, heading) in new[]
                 {
                     ("Training files", "Training files"), ("Train", "Start training"), ("Job", "Job"),
                     ("Versions", "Adapter versions"), ("Chat", "Chat"), ("History", "Event history"), ("Webhooks", "Webhooks"),
                 })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the {link} page is {overflow} px wider than the screen");
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Train", Exact = true }).ClickAsync();
        await Screenshots.TakeAsync(page, "phone-train");
    }

    /// <summary>Presses Tab until the element with this id has the focus; fails if a few presses do not reach it.</summary>
    private async Task TabToAsync(string id)
    {
        for (var presses = 0; presses < 6; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("document.activeElement.id") == id)
            {
                return;
            }
        }
        Assert.Fail($"#{id} is not reachable with the Tab key");
    }
}
