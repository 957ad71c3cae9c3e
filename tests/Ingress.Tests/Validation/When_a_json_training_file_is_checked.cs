using System.Text;
using AdapterPipeline.Domain.TrainingRecords;

namespace AdapterPipeline.Ingress.Tests.Validation;

/// <summary>The upload's record check, fed in chunks of every size so records and lines split across reads.</summary>
public sealed class When_a_json_training_file_is_checked
{
    private const string Chat = """{"messages": [{"role": "user", "content": "Hi ✓"}, {"role": "assistant", "content": "Hello", "weight": 1}]}""";

    private static void Feed(string fileName, string content, int chunk)
    {
        var check = TrainingRecordCheck.For(fileName)!;
        var bytes = Encoding.UTF8.GetBytes(content);
        for (var at = 0; at < bytes.Length; at += chunk)
        {
            check.Append(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)));
        }
        check.Complete();
    }

    public static TheoryData<int> Chunks => [1, 2, 7, 64, 1 << 20];

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Should_accept_the_records_the_trainer_reads(int chunk)
    {
        Feed("a.jsonl", $"{Chat}\n\n{{\"text\": \"plain\"}}\r\n{Chat}", chunk);
        Feed("a.json", $"[\n{Chat},\n{{\"text\": \"plain\"}}\n]\n", chunk);
        Feed("a.json", Chat, chunk);
        Feed("a.jsonl", "\uFEFF" + Chat + "\n", chunk);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Should_name_the_line_of_the_first_bad_jsonl_record(int chunk)
    {
        var error = Assert.Throws<TrainingRecordException>(() => Feed("a.jsonl", $"{Chat}\n{Chat}\n{{\"messages\": \"not a list\"}}\n{{\"nope\": 1}}\n", chunk));

        Assert.Equal(3, error.Line);
        Assert.Contains("\"messages\"", error.Message);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Should_name_the_line_and_item_of_a_bad_json_array_item(int chunk)
    {
        var error = Assert.Throws<TrainingRecordException>(() => Feed("a.json", $"[\n{Chat},\n\n{{\"text\": 3}}\n]", chunk));

        Assert.Equal(4, error.Line);
        Assert.Contains("item 1", error.Message);
    }

    [Theory]
    [InlineData("a.jsonl", "{\"text\": \"a\"}\n{\"text\": ", 2)]
    [InlineData("a.json", "[{\"text\": \"a\"}", 1)]
    [InlineData("a.json", "{\"text\": \"a\"} {\"text\": \"b\"}", 1)]
    [InlineData("a.json", "   ", 1)]
    public void Should_refuse_broken_or_truncated_json(string fileName, string content, int line)
    {
        var error = Assert.Throws<TrainingRecordException>(() => Feed(fileName, content, 3));

        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Should_check_only_json_types()
    {
        Assert.Null(TrainingRecordCheck.For("notes.txt"));
        Assert.NotNull(TrainingRecordCheck.For("CHAT.JSONL"));
    }
}
