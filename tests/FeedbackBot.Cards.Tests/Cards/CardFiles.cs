using System.Text.Json.Nodes;

namespace FeedbackBot.Cards.Tests.Cards;

/// <summary>One sample: a card with one of its data files, <c>&lt;card&gt;.data.json</c> or <c>&lt;card&gt;.&lt;variant&gt;.data.json</c>.</summary>
public sealed record CardCase(string Id, string Template, JsonNode? Data);

/// <summary>The cards as the host sees them (copied to the test output) and the repository they come from.</summary>
public static class CardFiles
{
    public static string OutputCardsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "cards");

    public static string RepoRoot { get; } = FindRepoRoot();

    public static IReadOnlyList<string> TemplateNames() =>
        Directory.EnumerateFiles(OutputCardsDirectory, "*.json")
            .Select(Path.GetFileName)
            .Where(f => !f!.EndsWith(".data.json", StringComparison.Ordinal))
            .Select(f => f![..^".json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> DataFileIds() =>
        Directory.EnumerateFiles(OutputCardsDirectory, "*.data.json")
            .Select(f => Path.GetFileName(f)[..^".data.json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<CardCase> Cases() =>
        DataFileIds().Select(id => new CardCase(id, id.Split('.')[0], ReadData(id))).ToList();

    public static JsonNode? ReadData(string id) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputCardsDirectory, id + ".data.json")));

    public static TheoryData<string> TemplateNameData() => new(TemplateNames());

    public static TheoryData<string> CaseIdData() => new(DataFileIds());

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeedbackBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No FeedbackBot.sln above {AppContext.BaseDirectory}.");
    }
}
