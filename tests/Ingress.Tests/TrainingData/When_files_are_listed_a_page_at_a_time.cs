namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_files_are_listed_a_page_at_a_time(TrainingDataSystem system) : IAsyncLifetime
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    public async Task InitializeAsync()
    {
        await avatar.UploadOkAsync(("e.txt", "5"), ("d.txt", "4"), ("c.txt", "3"), ("b.txt", "2"), ("a.txt", "1"));
        (await avatar.SetFlagAsync("b.txt", false)).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_walk_every_file_once_in_name_order()
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await avatar.ListAsync("?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Should_report_totals_over_all_files_on_every_page()
    {
        var page = await avatar.ListAsync("?limit=2");

        Assert.Equal(5, page.GetProperty("total_files").GetInt32());
        Assert.Equal(4, page.GetProperty("training_files").GetInt32());
        Assert.Equal(5, page.GetProperty("total_bytes").GetInt64());
        Assert.Equal(5, page.GetProperty("matching").GetInt32());
    }

    [Fact]
    public async Task Should_page_through_training_files_only_when_asked()
    {
        var page = await avatar.ListAsync("?training_only=true&limit=10");

        Assert.Equal(["a.txt", "c.txt", "d.txt", "e.txt"], page.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(4, page.GetProperty("matching").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?training_only=perhaps", "training_only")]
    [InlineData("?cursor=%%%", "cursor")]
    public async Task Should_refuse_a_bad_parameter_naming_it(string query, string field)
    {
        using var response = await system.Http.GetAsync($"{avatar.Base}/list{query}");

        Assert.Contains(field, (await Avatar.ProblemAsync(response, 400)).Keys);
    }
}
