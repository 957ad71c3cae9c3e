namespace AdapterPipeline.Cli;

/// <summary>apctl's exit codes (documented in docs/cli.md); scripts branch on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The request was refused (a problem other than the ones below), a job failed, or the server could not be reached.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing argument, bad value.</summary>
    public const int Usage = 2;

    /// <summary>The user, avatar, file, job, version, subscription or delivery does not exist (HTTP 404).</summary>
    public const int NotFound = 3;

    /// <summary>No credentials configured, or the server refused them (HTTP 401/403).</summary>
    public const int Auth = 4;

    public static int ForStatus(int status) => status switch
    {
        404 => NotFound,
        401 or 403 => Auth,
        _ => Failure,
    };
}
