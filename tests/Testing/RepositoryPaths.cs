namespace Bankflow.Testing;

/// <summary>Finds the repository root and the optional ../shared/reference folder beside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds Serverless.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>
    /// <c>../shared/reference</c> beside the clone, or null when absent (a user's clone has no ../shared).
    /// Tests that use reference samples skip with <see cref="SharedReferenceMissing"/> when this is null.
    /// </summary>
    public static string? SharedReference
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));
            return Directory.Exists(path) ? path : null;
        }
    }

    public const string SharedReferenceMissing =
        "../shared/reference is not beside this clone; reference-sample tests are skipped (the project's own tests still run).";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
