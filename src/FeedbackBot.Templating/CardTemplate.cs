using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>
/// One Adaptive Card template, compiled: the engine's only public door besides <see cref="CardTemplateException"/>.
/// Compiling refuses anything outside the supported subset (see <c>cards/README.md</c>), naming the file, the place
/// and the text, so expanding can fail only on data that cannot be bound.
/// </summary>
public sealed class CardTemplate
{
    private readonly string cardName;
    private readonly ObjectNode compiled;

    private CardTemplate(string name, ObjectNode root)
    {
        cardName = name;
        compiled = root;
    }

    /// <param name="template">The parsed template; it must be an object with <c>"type": "AdaptiveCard"</c>.</param>
    /// <param name="name">The card's name, used in expansion errors.</param>
    /// <param name="fileName">The file it came from, used in compile errors.</param>
    public static CardTemplate Compile(JsonNode? template, string name, string fileName) =>
        new(name, TemplateCompiler.Compile(template, fileName));

    /// <summary>Expands the template the way adaptivecards-templating 2.3.1 does.</summary>
    public JsonObject Expand(JsonNode? data) => TemplateExpander.Expand(cardName, compiled, data);
}
