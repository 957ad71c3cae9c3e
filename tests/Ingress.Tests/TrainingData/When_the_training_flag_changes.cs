using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_the_training_flag_changes(TrainingDataSystem system) : IAsyncLifetime
{
    private readonly Avatar avatar = new(system.Http, system.Store);

    public Task InitializeAsync() => avatar.UploadOkAsync(("a.txt", "hello"), ("b.txt", "world"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_answer_with_the_file_and_its_new_flag()
    {
        using var response = await avatar.SetFlagAsync("a.txt", false);
        var file = await Avatar.OkJsonAsync(response);

        Assert.Equal("a.txt", file.GetProperty("file_name").GetString());
        Assert.False(file.GetProperty("use_for_training").GetBoolean());
    }

    [Fact]
    public async Task Should_rewrite_metadata_json()
    {
        (await avatar.SetFlagAsync("a.txt", false)).EnsureSuccessStatusCode();

        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = false, ["b.txt"] = true }, await avatar.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_leave_the_file_out_of_a_training_only_list()
    {
        (await avatar.SetFlagAsync("a.txt", false)).EnsureSuccessStatusCode();

        var list = await avatar.ListAsync("?training_only=true");

        Assert.Equal(["b.txt"], list.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));
        Assert.Equal(1, list.GetProperty("training_files").GetInt32());
        Assert.Equal(2, list.GetProperty("total_files").GetInt32());
    }

    [Fact]
    public async Task Should_hold_a_file_out_for_evaluation_without_touching_metadata_json()
    {
        using var response = await system.Http.PutAsJsonAsync($"{avatar.Base}/a.txt/training-flag", new { use_for_eval = true });
        var file = await Avatar.OkJsonAsync(response);

        Assert.True(file.GetProperty("use_for_eval").GetBoolean());
        Assert.True(file.GetProperty("use_for_training").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true, ["b.txt"] = true }, await avatar.MetadataJsonInS3Async());
        var listed = (await avatar.ListAsync()).GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("file_name").GetString()!, f => f.GetProperty("use_for_eval").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true, ["b.txt"] = false }, listed);
    }

    [Fact]
    public async Task Should_answer_404_naming_the_file_for_an_unknown_file()
    {
        using var response = await avatar.SetFlagAsync("missing.txt", false);

        var errors = await Avatar.ProblemAsync(response, 404);
        Assert.Contains("file_name", errors.Keys);
        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true, ["b.txt"] = true }, await avatar.MetadataJsonInS3Async());
    }

    [Fact]
    public async Task Should_answer_400_for_malformed_json()
    {
        using var response = await system.Http.PutAsync($"{avatar.Base}/a.txt/training-flag",
            new StringContent("{\"use_for_training\": tru", Encoding.UTF8, "application/json"));

        Assert.NotEmpty(await Avatar.ProblemAsync(response, 400));
        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true, ["b.txt"] = true }, await avatar.MetadataAsync());
    }

    [Fact]
    public async Task Should_answer_400_naming_the_field_for_a_wrongly_typed_flag()
    {
        using var response = await system.Http.PutAsync($"{avatar.Base}/a.txt/training-flag",
            new StringContent("{\"use_for_training\": \"maybe\"}", Encoding.UTF8, "application/json"));

        Assert.Contains("use_for_training", (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_answer_400_naming_the_field_when_the_flag_is_missing()
    {
        using var response = await system.Http.PutAsync($"{avatar.Base}/a.txt/training-flag",
            new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Contains("use_for_training", (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_succeed_without_change_when_the_flag_already_has_the_value()
    {
        using var response = await avatar.SetFlagAsync("a.txt", true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await avatar.MetadataAsync())["a.txt"]);
    }
}
