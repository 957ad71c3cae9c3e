using System.Text.RegularExpressions;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>IAM's wildcards: <c>*</c> is any run of characters, '/' included; <c>?</c> is one character.</summary>
public static class Wildcard
{
    public static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline);
}
