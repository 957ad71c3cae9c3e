using System.Buffers.Binary;
using System.IO.Compression;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Reports;

/// <summary>
/// Draws the training loss (blue) and eval loss (orange dots) as a small PNG for the model card: a light grid,
/// axes from step 0 to the last step and from 0 to the highest loss. No text, so no font dependency.
/// </summary>
public static class LossCurvePng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly (byte R, byte G, byte B) Background = (255, 255, 255);
    private static readonly (byte R, byte G, byte B) Grid = (225, 225, 225);
    private static readonly (byte R, byte G, byte B) Axis = (90, 90, 90);
    private static readonly (byte R, byte G, byte B) Train = (31, 119, 180);
    private static readonly (byte R, byte G, byte B) Eval = (255, 127, 14);

    public static byte[] Render(TrainingMetrics metrics, int width = 480, int height = 240)
    {
        var canvas = new Canvas(width, height);
        const int margin = 12;
        var points = metrics.LossCurve.Concat(metrics.EvalLosses).ToList();
        var maxStep = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Step));
        var maxLoss = points.Where(p => double.IsFinite(p.Loss)).Select(p => p.Loss).DefaultIfEmpty(1).Max() * 1.05;
        int X(double step) => margin + (int)Math.Round(step / maxStep * (width - 2 * margin - 1));
        int Y(double loss) => height - margin - 1 - (int)Math.Round(loss / maxLoss * (height - 2 * margin - 1));

        for (var i = 1; i <= 4; i++)
        {
            canvas.Line(margin, Y(maxLoss * i / 4), width - margin - 1, Y(maxLoss * i / 4), Grid);
            canvas.Line(X(maxStep * i / 4.0), margin, X(maxStep * i / 4.0), height - margin - 1, Grid);
        }
        canvas.Line(margin, height - margin - 1, width - margin - 1, height - margin - 1, Axis);
        canvas.Line(margin, margin, margin, height - margin - 1, Axis);

        var train = metrics.LossCurve.Where(p => double.IsFinite(p.Loss)).ToList();
        for (var i = 1; i < train.Count; i++)
        {
            canvas.Line(X(train[i - 1].Step), Y(train[i - 1].Loss), X(train[i].Step), Y(train[i].Loss), Train);
        }
        foreach (var point in metrics.EvalLosses.Where(p => double.IsFinite(p.Loss)))
        {
            canvas.Dot(X(point.Step), Y(point.Loss), 3, Eval);
        }
        return canvas.Encode();
    }

    private sealed class Canvas(int width, int height)
    {
        private readonly byte[] pixels = Filled(width, height);

        private static byte[] Filled(int width, int height)
        {
            var pixels = new byte[width * height * 3];
            for (var i = 0; i < pixels.Length; i += 3)
            {
                (pixels[i], pixels[i + 1], pixels[i + 2]) = Background;
            }
            return pixels;
        }

        public void Set(int x, int y, (byte R, byte G, byte B) color)
        {
            if (x >= 0 && x < width && y >= 0 && y < height)
            {
                var i = (y * width + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = color;
            }
        }

        public void Line(int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
        {
            // Bresenham.
            int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, error = dx + dy;
            while (true)
            {
                Set(x0, y0, color);
                if (x0 == x1 && y0 == y1)
                {
                    return;
                }
                var doubled = 2 * error;
                if (doubled >= dy)
                {
                    error += dy;
                    x0 += sx;
                }
                if (doubled <= dx)
                {
                    error += dx;
                    y0 += sy;
                }
            }
        }

        public void Dot(int cx, int cy, int radius, (byte R, byte G, byte B) color)
        {
            for (var y = -radius; y <= radius; y++)
            {
                for (var x = -radius; x <= radius; x++)
                {
                    if (x * x + y * y <= radius * radius)
                    {
                        Set(cx + x, cy + y, color);
                    }
                }
            }
        }

        public byte[] Encode()
        {
            using var png = new MemoryStream();
            png.Write(Signature);
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            header[8] = 8; // bit depth
            header[9] = 2; // truecolour RGB
            Chunk(png, "IHDR", header);

            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter: none
                    zlib.Write(pixels, y * width * 3, width * 3);
                }
            }
            Chunk(png, "IDAT", compressed.ToArray());
            Chunk(png, "IEND", []);
            return png.ToArray();
        }

        private static void Chunk(Stream png, string type, byte[] data)
        {
            Span<byte> number = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            png.Write(number);
            var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
            png.Write(typeBytes);
            png.Write(data);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, data));
            png.Write(number);
        }
    }

    /// <summary>PNG's CRC-32 (ISO 3309, the same as zlib's) over a chunk's type and data.</summary>
    internal static uint Crc32(params byte[][] parts)
    {
        var crc = new System.IO.Hashing.Crc32();
        foreach (var part in parts)
        {
            crc.Append(part);
        }
        return crc.GetCurrentHashAsUInt32();
    }
}
