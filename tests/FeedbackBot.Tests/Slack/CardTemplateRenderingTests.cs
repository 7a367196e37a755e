using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

/// <summary>Every card template, expanded with each of its sample data files, renders to Block Kit within every limit.</summary>
public sealed class CardTemplateRenderingTests
{
    private static readonly CardTemplates Cards = CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards"));

    /// <summary>(template, sample data file) for every <c>cards/&lt;name&gt;.json</c> and its <c>&lt;name&gt;[.variant].data.json</c>.</summary>
    public static TheoryData<string, string> Samples()
    {
        var samples = new TheoryData<string, string>();
        var folder = Path.Combine(RepositoryRoot.Path, "cards");
        foreach (var name in Cards.Names.Order(StringComparer.Ordinal))
        {
            foreach (var data in Directory.EnumerateFiles(folder, $"{name}*.data.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                var variant = data![name.Length..^".data.json".Length];
                if (variant.Length == 0 || variant.StartsWith('.')) samples.Add(name, data);
            }
        }
        return samples;
    }

    [Fact]
    public void Every_template_has_sample_data()
    {
        var covered = Samples().Select(row => (string)row[0]).ToHashSet();
        Assert.NotEmpty(Cards.Names);
        Assert.All(Cards.Names, name => Assert.Contains(name, covered));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Renders_as_a_message_within_limits(string template, string dataFile)
    {
        var card = Expand(template, dataFile);

        var message = BlockKitRenderer.Message(card, $"{template} sample");

        Assert.NotEmpty(message.Blocks);
        BlockKitLimits.AssertMessage(message.Blocks);
        Assert.All(BlockKitLimits.MrkdwnTexts(message.Blocks), t => Assert.True((bool?)t["verbatim"], t.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Form_cards_render_as_a_modal_within_limits(string template, string dataFile)
    {
        var card = Expand(template, dataFile);
        if (!HasTopLevelInputs(card)) return;
        var submit = card["actions"]!.AsArray().OfType<JsonObject>().First(a => (string?)a["type"] == "Action.Execute");
        var title = (string?)JsonNode.Parse(File.ReadAllText(DataPath(dataFile)))?["title"] ?? template;

        var view = BlockKitRenderer.Modal(new Reply.Form(card, title, (string)submit["verb"]!, new CardAction("reopen", [])), "C0CHANNEL", ConversationKind.Channel);

        BlockKitLimits.AssertModal(view);
        Assert.Contains(view["blocks"]!.AsArray(), b => (string?)b!["type"] == "input");
        Assert.Equal((string)submit["verb"]!, (string?)view["callback_id"]);
        Assert.DoesNotContain(view["blocks"]!.AsArray(), b => (string?)b!["type"] == "actions"
            && b["elements"]!.AsArray().Any(e => ((string?)e!["action_id"])!.StartsWith((string)submit["verb"]! + "|", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_catalog_of_sixty_long_entries_stays_within_limits_and_says_it_was_shortened()
    {
        var apis = Enumerable.Range(1, 60).Select(i => new
        {
            id = $"api-{i}", name = $"API number {i} " + new string('n', 200), pitch = new string('p', 3500), status = "GA", version = "1.0",
        }).ToList();
        var card = Cards.Expand("api-list", new { count = apis.Count, canAdd = true, apis });

        var message = BlockKitRenderer.Message(card, "API catalog");

        BlockKitLimits.AssertMessage(message.Blocks);
        Assert.Contains("shortened", SlackTestKit.VisibleText(message.Blocks));
        Assert.Equal("actions", (string?)message.Blocks[^1]!["type"]);
    }

    [Fact]
    public void A_story_with_very_long_text_is_split_not_lost()
    {
        var owners = Enumerable.Range(1, 400).Select(i => $"slack:U{i:00000000}").ToArray();
        var card = Cards.Expand("api-story", new
        {
            id = "big", name = new string('N', 300), pitch = "pitch", audience = string.Join(" ", Enumerable.Repeat("audience", 1200)),
            problem = "problem", status = "GA", version = "1", docsUrl = "https://example.com/" + new string('d', 3500), owners, canEdit = true,
        });

        var message = BlockKitRenderer.Message(card, "About big");

        BlockKitLimits.AssertMessage(message.Blocks);
        var text = SlackTestKit.VisibleText(message.Blocks);
        Assert.Equal(1200, System.Text.RegularExpressions.Regex.Count(text, "audience"));
        Assert.Contains("(shortened)", text);
        Assert.Contains("Not shown here", text);
    }

    private static JsonObject Expand(string template, string dataFile) =>
        Cards.Expand(template, JsonNode.Parse(File.ReadAllText(DataPath(dataFile))));

    private static string DataPath(string dataFile) => Path.Combine(RepositoryRoot.Path, "cards", dataFile);

    /// <summary>A form is a card whose body itself holds inputs; inputs inside an Action.ShowCard belong to a message's decisions.</summary>
    private static bool HasTopLevelInputs(JsonObject card) =>
        card["body"]!.AsArray().OfType<JsonObject>().Any(e => ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true);
}
