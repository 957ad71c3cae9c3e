using Microsoft.Playwright;

namespace AdapterPipeline.Dashboard.Tests;

/// <summary>Writes page screenshots to the repository's docs/images, where the README links them.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AdapterPipeline.sln")))
        {
            dir = dir.Parent;
        }
        var images = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "images");
        Directory.CreateDirectory(images);
        return images;
    });

    public static Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder.Value, $"dashboard-{name}.png"), FullPage = true });
}
