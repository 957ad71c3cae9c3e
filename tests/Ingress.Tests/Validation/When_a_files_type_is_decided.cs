using AdapterPipeline.Domain.Validation;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Tests.Validation;

public sealed class When_a_files_type_is_decided
{
    private static readonly TrainingFileTypes Defaults = new(Options.Create(new TrainingDataOptions()));

    [Theory]
    [InlineData("a.txt", null, "text/plain")]
    [InlineData("a.TXT", "text/plain; charset=utf-8", "text/plain")]
    [InlineData("a.md", "text/plain", "text/markdown")]
    [InlineData("a.json", "application/json", "application/json")]
    [InlineData("a.jsonl", "application/x-ndjson", "application/jsonl")]
    [InlineData("a.markdown", "application/octet-stream", "text/markdown")]
    [InlineData("a.text", null, "text/plain")]
    public void Should_store_an_allowed_file_with_its_extensions_type(string name, string? declared, string stored)
    {
        Assert.Equal(stored, Defaults.Resolve(name, declared, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("a.exe", null)]
    [InlineData("a.csv", "text/csv")]
    [InlineData("a", "text/plain")]
    [InlineData("a.png", "image/png")]
    [InlineData("a.txt", "image/png")]
    [InlineData("a.json", "application/zip")]
    public void Should_refuse_a_type_outside_the_allow_list(string name, string? declared)
    {
        Assert.Null(Defaults.Resolve(name, declared, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Should_replace_the_defaults_with_a_configured_list()
    {
        var types = new TrainingFileTypes(Options.Create(new TrainingDataOptions
        {
            AllowedTypes = new() { [".yaml"] = ["application/yaml"] },
        }));

        Assert.Equal("application/yaml", types.Resolve("a.yaml", null, out _));
        Assert.Null(types.Resolve("a.txt", null, out _));
    }
}
