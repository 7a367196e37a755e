using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Templating;

namespace FeedbackBot.Core.Cards;

/// <summary>
/// The Adaptive Card templates in <c>cards/</c>, loaded and checked once at start-up.
/// PUBLIC API CONTRACT (used by handlers and adapters): Load, Names, Expand(name, JsonNode), Expand(name, object).
/// The templating subset and its rules are described in <c>cards/README.md</c>.
/// </summary>
public sealed class CardTemplates
{
    public static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, CardTemplate> templates;

    private CardTemplates(Dictionary<string, CardTemplate> templates) => this.templates = templates;

    public IReadOnlyCollection<string> Names => templates.Keys;

    /// <summary>Loads every <c>*.json</c> template (not <c>*.data.json</c>) from the folder; unsupported syntax fails here, naming file and place.</summary>
    public static CardTemplates Load(string directory)
    {
        var loaded = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Where(f => !f.EndsWith(".data.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            var name = Path.GetFileNameWithoutExtension(file);
            if (name.Contains('.', StringComparison.Ordinal))
                throw new CardTemplateException($"{fileName}: a card name may not contain a dot (dots separate sample-data variants: <card>.<variant>.data.json).");
            loaded[name] = CardTemplate.Compile(Parse(file, fileName), name, fileName);
        }
        return new CardTemplates(loaded);
    }

    public JsonObject Expand(string name, object data) => Expand(name, JsonSerializer.SerializeToNode(data, DataOptions));

    public JsonObject Expand(string name, JsonNode? data)
    {
        if (!templates.TryGetValue(name, out var template)) throw new KeyNotFoundException($"No card template named '{name}' in cards/.");
        return template.Expand(data);
    }

    private static JsonNode? Parse(string file, string fileName)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new CardTemplateException($"{fileName}: not valid JSON: {e.Message}");
        }
    }
}
