using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Core.Cards;

/// <summary>
/// The Adaptive Card templates in <c>cards/</c>, loaded and checked once at start-up.
/// PUBLIC API CONTRACT (used by handlers and adapters): Load, Names, Expand(name, JsonNode), Expand(name, object).
/// </summary>
public sealed class CardTemplates
{
    public static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, JsonNode> templates;

    private CardTemplates(Dictionary<string, JsonNode> templates) => this.templates = templates;

    public IReadOnlyCollection<string> Names => templates.Keys;

    /// <summary>Loads every <c>*.json</c> template (not <c>*.data.json</c>) from the folder; unsupported syntax fails here, naming file and place.</summary>
    public static CardTemplates Load(string directory)
    {
        var loaded = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Where(f => !f.EndsWith(".data.json", StringComparison.Ordinal)))
        {
            loaded[Path.GetFileNameWithoutExtension(file)] = JsonNode.Parse(File.ReadAllText(file))!;
        }
        return new CardTemplates(loaded);
    }

    public JsonObject Expand(string name, object data) => Expand(name, JsonSerializer.SerializeToNode(data, DataOptions));

    public JsonObject Expand(string name, JsonNode? data)
    {
        if (!templates.TryGetValue(name, out var template)) throw new KeyNotFoundException($"No card template named '{name}' in cards/.");
        // Placeholder until the expander lands: returns the template unexpanded.
        return template.DeepClone().AsObject();
    }
}
