namespace FeedbackBot.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The folder holding FeedbackBot.sln, found from the test binaries (never the working directory).</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FeedbackBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No FeedbackBot.sln above {AppContext.BaseDirectory}.");
    }
}
