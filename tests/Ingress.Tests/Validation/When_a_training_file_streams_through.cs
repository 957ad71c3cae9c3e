using System.Text;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.Ingress.TrainingData;

namespace AdapterPipeline.Ingress.Tests.Validation;

public sealed class When_a_training_file_streams_through
{
    /// <summary>Hands the bytes over a few at a time, so multi-byte sequences are split across reads.</summary>
    private sealed class Trickle(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }

    private static async Task<long> DrainAsync(byte[] bytes, long max = 1 << 20, int step = 3)
    {
        await using var stream = new TrainingFileStream(new Trickle(bytes, step), max, "files", "f.txt");
        await stream.CopyToAsync(Stream.Null);
        return stream.BytesRead;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Should_pass_valid_utf8_split_anywhere(int step)
    {
        var bytes = Encoding.UTF8.GetBytes("héllo wörld — ✓ 𝄞 end");

        Assert.Equal(bytes.Length, await DrainAsync(bytes, step: step));
    }

    [Fact]
    public async Task Should_refuse_an_invalid_byte()
    {
        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => DrainAsync([(byte)'a', 0xFF, (byte)'b']));

        Assert.Equal(ProblemKind.Invalid, problem.Kind);
        Assert.Contains("files", problem.Errors.Keys);
    }

    [Fact]
    public async Task Should_refuse_a_sequence_cut_off_at_the_end()
    {
        await Assert.ThrowsAsync<ApiProblemException>(() => DrainAsync([(byte)'a', 0xE2, 0x9C]));
    }

    [Fact]
    public async Task Should_refuse_more_bytes_than_the_limit()
    {
        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => DrainAsync(new byte[11], max: 10));

        Assert.Equal(ProblemKind.TooLarge, problem.Kind);
    }

    [Fact]
    public async Task Should_accept_exactly_the_limit() => Assert.Equal(10, await DrainAsync("0123456789"u8.ToArray(), max: 10));
}
