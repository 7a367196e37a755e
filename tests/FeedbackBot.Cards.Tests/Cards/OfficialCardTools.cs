using System.Text.Json.Nodes;
using FeedbackBot.Cards.Tests.Templating;
using FeedbackBot.Core.Cards;
using FeedbackBot.Templating;

namespace FeedbackBot.Cards.Tests.Cards;

[CollectionDefinition(Name)]
public sealed class OfficialCardToolsCollection : ICollectionFixture<OfficialCardTools>
{
    public const string Name = "Official Adaptive Cards tools (node)";
}

/// <summary>
/// Runs the official JS tools once per test run: eng/cards/expand.mjs (adaptivecards-templating) over every sample
/// and every semantics case, and eng/cards/validate.mjs (the adaptivecards renderer in headless Chromium) over
/// every sample as expanded by the C# expander.
/// </summary>
public sealed class OfficialCardTools
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly Lazy<JsonObject> jsExpansions = new(ExpandWithJs);
    private readonly Lazy<(string? Failure, JsonObject Results)> renderer = new(ValidateWithRenderer);

    public static CardTemplates Cards { get; } = CardTemplates.Load(CardFiles.OutputCardsDirectory);

    /// <summary>The JS expansion of a case: <c>{ "card": ... }</c> or <c>{ "error": "..." }</c>.</summary>
    public JsonObject JsExpansion(string id) =>
        jsExpansions.Value[id]?.AsObject() ?? throw new InvalidOperationException($"expand.mjs returned nothing for '{id}'.");

    /// <summary>The renderer's verdict on a case, or why the renderer could not run.</summary>
    public (string? Failure, JsonObject? Result) RendererResult(string id) =>
        renderer.Value.Failure is { } failure ? (failure, null) : (null, renderer.Value.Results[id]?.AsObject());

    private static JsonObject ExpandWithJs()
    {
        var cases = new JsonArray();
        foreach (var sample in CardFiles.Cases())
            cases.Add(new JsonObject { ["id"] = sample.Id, ["template"] = sample.Template, ["data"] = sample.Data?.DeepClone() });
        foreach (var semantics in TemplatingSemanticsCases.All)
            cases.Add(new JsonObject { ["id"] = semantics.JsId, ["template"] = semantics.Template(), ["data"] = semantics.Data() });
        var result = NodeScript.Run("expand.mjs", cases, Timeout);
        if (result.ExitCode != 0) throw new InvalidOperationException($"expand.mjs failed ({result.ExitCode}): {result.Stderr}");
        return result.Json;
    }

    private static (string?, JsonObject) ValidateWithRenderer()
    {
        if (!File.Exists(ChromiumPath))
            return ($"Chromium is missing at {ChromiumPath}; the card renderer tests need it: apt-get install chromium", []);
        var cases = new JsonArray();
        foreach (var sample in CardFiles.Cases())
        {
            JsonObject card;
            try
            {
                card = Cards.Expand(sample.Template, sample.Data);
            }
            catch (Exception e) when (e is CardTemplateException or KeyNotFoundException)
            {
                continue;
            }
            cases.Add(new JsonObject { ["id"] = sample.Id, ["card"] = card });
        }
        var result = NodeScript.Run("validate.mjs", cases, Timeout);
        return result.ExitCode switch
        {
            0 => (null, result.Json),
            NodeScript.ChromiumMissingExitCode => (result.Stderr.Trim(), []),
            _ => ($"validate.mjs failed ({result.ExitCode}): {result.Stderr}", []),
        };
    }
}
