namespace Mammo.Tests.Support;

/// <summary>
/// Finds the project's <c>../shared/</c> folder (beside the repository). Tests that need it skip with the reason on a
/// user's fresh clone, and fail when <c>CI=true</c>, where it must be present.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mammo.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Mammo.sln not found above the test binaries.");
        }
    }

    /// <summary>Returns a file under <c>../shared/</c>, or skips (fails under CI) when it is not there.</summary>
    public static string Require(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relativePath));
        if (File.Exists(path))
        {
            return path;
        }

        var reason = $"{path} is not present (the project's shared/ folder sits beside the repository on developer and CI machines)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but {reason}");
        }

        Assert.Skip(reason);
        return path;
    }
}
