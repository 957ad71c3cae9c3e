using System.Globalization;
using System.Text;

namespace AdapterPipeline.Domain.Text;

/// <summary>
/// Unicode NFC (canonical decomposition, canonical ordering, canonical composition) from the tables in
/// <see cref="NfcData"/>. The services run with invariant globalization, where <c>string.Normalize</c> leaves text
/// unchanged, yet Qwen2/3's tokenizer normalises to NFC before splitting and file names must be NFC.
/// </summary>
public static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, LCount = 19, VCount = 21, TCount = 28;
    private const int NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Dictionary<int, int[]> Decomposition = [];
    private static readonly Dictionary<long, int> Composition = [];
    private static readonly Dictionary<int, int> CombiningClass = [];

    static Nfc()
    {
        foreach (var entry in NfcData.Decompositions.Split(';'))
        {
            var (cp, rest) = (Hex(entry[..entry.IndexOf('=')]), entry[(entry.IndexOf('=') + 1)..]);
            var composite = rest.EndsWith('*');
            var parts = rest.TrimEnd('*').Split(',').Select(Hex).ToArray();
            Decomposition[cp] = parts;
            if (composite) Composition[Pair(parts[0], parts[1])] = cp;
        }
        foreach (var entry in NfcData.CombiningClasses.Split(';'))
        {
            var at = entry.IndexOf('=');
            CombiningClass[Hex(entry[..at])] = int.Parse(entry[(at + 1)..], CultureInfo.InvariantCulture);
        }
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static long Pair(int a, int b) => ((long)a << 21) | (uint)b;

    public static string Normalize(string text)
    {
        // Nothing below U+0300 decomposes into, or composes with, anything that follows it.
        if (text.All(c => c < '\u0300')) return text;
        var cps = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, cps);
        Reorder(cps);
        Compose(cps);
        var sb = new StringBuilder(text.Length);
        foreach (var cp in cps) sb.Append(char.ConvertFromUtf32(cp));
        return sb.ToString();
    }

    private static int Class(int cp) => CombiningClass.GetValueOrDefault(cp);

    private static void Decompose(int cp, List<int> output)
    {
        if (cp >= SBase && cp < SBase + SCount)
        {
            var s = cp - SBase;
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0) output.Add(TBase + s % TCount);
            return;
        }
        if (Decomposition.TryGetValue(cp, out var parts))
        {
            foreach (var part in parts) Decompose(part, output);
            return;
        }
        output.Add(cp);
    }

    // Stable sort of each run of combining marks by combining class.
    private static void Reorder(List<int> cps)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var c = Class(cps[i]);
            if (c == 0) continue;
            for (var j = i; j > 0 && Class(cps[j - 1]) > c; j--) (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
        }
    }

    private static void Compose(List<int> cps)
    {
        if (cps.Count == 0) return;
        var result = new List<int>(cps.Count) { cps[0] };
        var starter = Class(cps[0]) == 0 ? 0 : -1;
        var lastClass = starter == 0 ? 0 : 256;
        for (var i = 1; i < cps.Count; i++)
        {
            var cp = cps[i];
            var cc = Class(cp);
            if (starter >= 0 && (lastClass < cc || lastClass == 0) && TryCompose(result[starter], cp, out var composite)
                && !(lastClass == 0 && result.Count - 1 != starter))
            {
                result[starter] = composite;
                continue;
            }
            if (cc == 0) starter = result.Count;
            lastClass = cc;
            result.Add(cp);
        }
        cps.Clear();
        cps.AddRange(result);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first >= LBase && first < LBase + LCount && second >= VBase && second < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
            return true;
        }
        if (first >= SBase && first < SBase + SCount && (first - SBase) % TCount == 0 && second > TBase && second < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }
        return Composition.TryGetValue(Pair(first, second), out composite);
    }
}
