using AdapterPipeline.InferenceWorker.Completions;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Tokenization;

namespace AdapterPipeline.InferenceWorker.Tests.Units;

public sealed class When_stop_sequences_are_watched
{
    private static readonly TextTokenizer Tokenizer = TinyTokenizer();

    [Fact]
    public void Should_send_nothing_from_the_stop_sequence_on()
    {
        var (sent, stopped) = Feed("Hello world. Bye", ". ");

        Assert.True(stopped);
        Assert.Equal("Hello world", sent);
    }

    [Fact]
    public void Should_send_everything_when_no_stop_sequence_comes()
    {
        var (sent, stopped) = Feed("Hello world", "xyz");

        Assert.False(stopped);
        Assert.Equal("Hello world", sent);
    }

    [Fact]
    public void Should_hold_back_a_possible_beginning_of_a_stop_sequence()
    {
        var stops = new StopSequences(Tokenizer, ["ab"]);
        var ids = Tokenizer.Encode("xa");

        var pieces = ids.Select(id => stops.Add(id).Piece).ToList();

        Assert.Equal("x", string.Concat(pieces));
        Assert.Equal("a", stops.Flush());
    }

    private static (string Sent, bool Stopped) Feed(string text, string stop)
    {
        var stops = new StopSequences(Tokenizer, [stop]);
        var sent = "";
        foreach (var id in Tokenizer.Encode(text))
        {
            var (piece, stopped) = stops.Add(id);
            sent += piece;
            if (stopped)
            {
                return (sent, true);
            }
        }
        return (sent + stops.Flush(), false);
    }

    private static TextTokenizer TinyTokenizer()
    {
        var directory = Path.Combine(Path.GetTempPath(), "adapter-pipeline-tests", "tokenizer-" + Guid.NewGuid().ToString("N"));
        TinyBaseModels.Write(TinyBaseModels.TinyLlama, directory);
        return TokenizerLoader.Load(directory, TinyBaseModels.Config(TinyBaseModels.TinyLlama).EosTokenId);
    }
}
