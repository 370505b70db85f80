namespace KeyAccountPipeline.Web.Components.Tests.Infrastructure;

/// <summary>The checkout the tests were built from, for tests that read its files (also linked into the browser tests).</summary>
public static class RepositoryFolder
{
    /// <summary>The folder of KeyAccountPipeline.sln above the running tests.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KeyAccountPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No KeyAccountPipeline.sln above {AppContext.BaseDirectory}.");
    }
}
