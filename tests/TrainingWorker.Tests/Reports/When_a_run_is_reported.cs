using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.TrainingWorker.Reports;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Reports;

public class When_a_run_is_reported
{
    private static readonly TrainingMetrics Metrics = new(
        [new LossPoint(1, 5.0), new LossPoint(2, 4.0), new LossPoint(3, 2.5), new LossPoint(4, 2.0)],
        [new LossPoint(0, 5.2), new LossPoint(4, 2.4)],
        2.0, 2.4, 1234.5, "cpu", "float32", 1.5, 4, 2, 1000, 100, 3584);

    [Fact]
    public void Should_draw_the_loss_curve_as_a_valid_png()
    {
        var png = LossCurvePng.Render(Metrics, 120, 60);

        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var chunks = Chunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type).ToArray());
        Assert.All(chunks, c => Assert.Equal(c.Crc, LossCurvePng.Crc32(Encoding.ASCII.GetBytes(c.Type), c.Data)));
        Assert.Equal(120, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        Assert.Equal(60, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4)));

        using var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var pixels = raw.ToArray();
        Assert.Equal(60 * (1 + 120 * 3), pixels.Length);
        // Some pixels carry the training line's blue and the eval dots' orange.
        Assert.True(ContainsColour(pixels, 120, 31, 119, 180));
        Assert.True(ContainsColour(pixels, 120, 255, 127, 14));
    }

    [Fact]
    public void Should_compute_the_crc_png_expects()
    {
        // The CRC of an empty IEND chunk is fixed by the PNG specification.
        Assert.Equal(0xAE426082u, LossCurvePng.Crc32(Encoding.ASCII.GetBytes("IEND"), []));
    }

    [Fact]
    public async Task Should_write_a_snake_case_manifest_that_reads_back()
    {
        var result = new TrainingResult(Metrics, new AdapterFiles("c", "w"), [new SampleCompletion("p", "b", "a")]);
        var manifest = TrainingManifests.Trained(Guid.NewGuid(), new TrainingRequest { LoraR = 4 }, result, [new TrainingManifestFile("a.txt", 5, "ab")]);
        using var stream = new MemoryStream();

        await TrainingManifestJson.WriteAsync(stream, manifest, CancellationToken.None);
        var json = Encoding.UTF8.GetString(stream.ToArray());
        var back = TrainingManifestJson.Read(stream.ToArray());

        Assert.Contains("\"loss_curve\": [", json);
        Assert.Contains("\"lora_r\": 4", json);
        Assert.Contains("\"lr_scheduler\": \"cosine\"", json);
        Assert.Contains("\"tokens_per_second\": 1234.5", json);
        Assert.Contains("\"file_name\": \"a.txt\"", json);
        Assert.Equal(Metrics.LossCurve.Select(p => (p.Step, p.Loss)), back.Metrics.LossCurve.Select(p => (p.Step, p.Loss)));
        Assert.Equal(4, back.Hyperparameters["lora_r"].GetInt32());
        Assert.Equal(manifest.JobId, back.JobId);
        Assert.Equal("tiny-llama", back.BaseModel);
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png[(at + 8)..(at + 8 + length)];
            chunks.Add((type, data, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }
        return chunks;
    }

    private static bool ContainsColour(byte[] rows, int width, byte r, byte g, byte b)
    {
        var stride = 1 + width * 3;
        for (var row = 0; row < rows.Length / stride; row++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = row * stride + 1 + x * 3;
                if (rows[i] == r && rows[i + 1] == g && rows[i + 2] == b)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
