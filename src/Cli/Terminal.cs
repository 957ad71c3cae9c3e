using Spectre.Console;

namespace AdapterPipeline.Cli;

/// <summary>
/// Where output goes: results (tables, live views, or JSON with --json) on <see cref="Out"/>, problems on
/// <see cref="Err"/>, so that a script reading stdout only ever sees the machine-readable answer. Input comes from
/// <see cref="In"/>; <see cref="InputRedirected"/> says whether a person is typing it.
/// </summary>
public sealed record Terminal(IAnsiConsole Out, IAnsiConsole Err)
{
    public TextReader In { get; init; } = Console.In;

    public bool InputRedirected { get; init; } = Console.IsInputRedirected;

    /// <summary>Writes a line as is: no markup, no wrapping at the console width (JSON must stay intact).</summary>
    public void WriteRaw(string text)
    {
        Out.Profile.Out.Writer.WriteLine(text);
        Out.Profile.Out.Writer.Flush();
    }
}
