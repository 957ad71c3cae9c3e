using System.Text.RegularExpressions;

namespace AdapterPipeline.Architecture.Tests;

/// <summary>
/// Which feature folder of a service refers to which other: a file in <c>src/{Service}/{Feature}/…</c> that names
/// <c>AdapterPipeline.{Service}.{Other}</c> (a using directive or a qualified name) depends on <c>{Other}</c>.
/// Files at the service's root (Program, the application wiring) belong to no feature.
/// </summary>
public sealed class FeatureGraph(string service, IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
{
    public string Service { get; } = service;

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Edges { get; } = edges;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdapterPipeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No AdapterPipeline.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every project folder under <c>src/</c>.</summary>
    public static IEnumerable<string> Services(string root) =>
        Directory.GetDirectories(Path.Combine(root, "src"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    public static FeatureGraph Read(string root, string service)
    {
        var serviceDir = Path.Combine(root, "src", service);
        var reference = new Regex($@"\bAdapterPipeline\.{Regex.Escape(service)}\.(\w+)", RegexOptions.Compiled);
        var edges = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var featureDir in Directory.GetDirectories(serviceDir))
        {
            var feature = Path.GetFileName(featureDir);
            if (feature is "bin" or "obj")
            {
                continue;
            }
            var targets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(featureDir, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match m in reference.Matches(File.ReadAllText(file)))
                {
                    var target = m.Groups[1].Value;
                    if (target != feature && Directory.Exists(Path.Combine(serviceDir, target)))
                    {
                        targets.Add(target);
                    }
                }
            }
            edges[feature] = targets;
        }
        return new FeatureGraph(service, edges);
    }

    /// <summary>One cycle, as the features along it with the first repeated at the end; null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, done, path) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    private List<string>? Visit(string feature, HashSet<string> done, List<string> path)
    {
        if (path.IndexOf(feature) is var at and >= 0)
        {
            return [.. path[at..], feature];
        }
        if (done.Contains(feature))
        {
            return null;
        }
        path.Add(feature);
        foreach (var next in Edges.GetValueOrDefault(feature) ?? new HashSet<string>())
        {
            if (Visit(next, done, path) is { } cycle)
            {
                return cycle;
            }
        }
        path.RemoveAt(path.Count - 1);
        done.Add(feature);
        return null;
    }
}
