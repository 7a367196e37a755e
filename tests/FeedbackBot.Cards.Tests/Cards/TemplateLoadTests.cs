using FeedbackBot.Core.Cards;
using FeedbackBot.Templating;

namespace FeedbackBot.Cards.Tests.Cards;

/// <summary>Anything outside the subset fails when the templates load, naming the file, the place and the text.</summary>
public sealed class TemplateLoadTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cards-");

    public void Dispose() => folder.Delete(recursive: true);

    [Theory]
    [InlineData("\"${foo(name)}\"", "unknown function 'foo'")]
    [InlineData("\"${IF(a, 1, 2)}\"", "unknown function 'IF'")]
    [InlineData("\"${string(n)}\"", "unknown function 'string'")]
    [InlineData("\"${a + b}\"", "'+' is not supported")]
    [InlineData("\"${a ? b : c}\"", "'?' is not supported")]
    [InlineData("\"${join(list)}\"", "join() takes 2 to 3 arguments, not 1")]
    [InlineData("\"${if(a, 1)}\"", "if() takes 3 arguments, not 2")]
    [InlineData("\"${concat()}\"", "concat() takes 1 or more arguments, not 0")]
    [InlineData("\"${\\\"text\\\"}\"", "use single quotes")]
    [InlineData("\"${name\"", "not closed")]
    [InlineData("\"${}\"", "empty ${}")]
    [InlineData("\"${true}\"", "bare literal")]
    [InlineData("\"${'GA'}\"", "bare literal")]
    [InlineData("\"x ${null}\"", "null cannot be put into text")]
    [InlineData("\"${list[i]}\"", "only a whole number is supported inside [ ]")]
    [InlineData("\"${$host.x}\"", "'$host' is not supported")]
    [InlineData("\"${$ROOT.x}\"", "'$ROOT' is not supported")]
    [InlineData("\"${count(list).x}\"", "after a function call is not supported")]
    [InlineData("\"`code` ${name}\"", "backticks and backslashes")]
    [InlineData("\"${{}}\"", "braces inside")]
    [InlineData("{ \"$when\": true, \"type\": \"TextBlock\" }", "$when must be a single binding")]
    [InlineData("{ \"$when\": \"x ${ok}\", \"type\": \"TextBlock\" }", "$when must be a single binding")]
    [InlineData("{ \"$when\": \"${true}\", \"type\": \"TextBlock\" }", "a $when of a bare literal")]
    [InlineData("{ \"$data\": [ 1, 2 ], \"type\": \"TextBlock\" }", "$data must be a single binding")]
    [InlineData("{ \"$data\": \"${concat(a, b)}\", \"type\": \"TextBlock\" }", "$data must be a single binding")]
    [InlineData("{ \"$index\": 1 }", "reserved")]
    [InlineData("{ \"${key}\": 1 }", "bindings in property names")]
    public void Unsupported_syntax_fails_at_load_naming_file_place_and_text(string fragment, string problem)
    {
        File.WriteAllText(Path.Combine(folder.FullName, "broken.json"), $$"""{ "type": "AdaptiveCard", "body": [ { "type": "Container", "items": [ {{fragment}} ] } ] }""");
        var error = Assert.Throws<CardTemplateException>(() => CardTemplates.Load(folder.FullName));
        Assert.StartsWith("broken.json: $.body[0].items[0]", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("""{ "type": "AdaptiveCard", "$when": "${ok}" }""", "broken.json: $: $data and $when are not supported on the card itself")]
    [InlineData("""{ "type": "Container" }""", "broken.json: $: the template must be an object with \"type\": \"AdaptiveCard\"")]
    [InlineData("""{ "type": "AdaptiveCard", """, "broken.json: not valid JSON")]
    [InlineData("""{ "type": "AdaptiveCard", "body": [ { "type": "TextBlock", "text": "a", "text": "b" } ] }""", "broken.json: not valid JSON")]
    public void A_card_that_is_not_a_template_fails_at_load(string template, string message)
    {
        File.WriteAllText(Path.Combine(folder.FullName, "broken.json"), template);
        Assert.StartsWith(message, Assert.Throws<CardTemplateException>(() => CardTemplates.Load(folder.FullName)).Message);
    }

    [Fact]
    public void A_card_name_with_a_dot_is_refused_because_dots_mark_data_variants()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "api.list.json"), """{ "type": "AdaptiveCard" }""");
        Assert.StartsWith("api.list.json: a card name may not contain a dot", Assert.Throws<CardTemplateException>(() => CardTemplates.Load(folder.FullName)).Message);
    }

    [Fact]
    public void Sample_data_files_are_not_templates()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "hello.json"), """{ "type": "AdaptiveCard", "body": [] }""");
        File.WriteAllText(Path.Combine(folder.FullName, "hello.data.json"), """{ "not": "a card" }""");
        File.WriteAllText(Path.Combine(folder.FullName, "hello.other.data.json"), """{ "not": "a card" }""");
        Assert.Equal(["hello"], CardTemplates.Load(folder.FullName).Names);
    }

    [Fact]
    public void The_shipped_cards_load_and_each_has_sample_data()
    {
        Assert.Equal(CardFiles.TemplateNames(), OfficialCardTools.Cards.Names.Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string>(["help", "api-list", "api-story", "api-form", "form-launcher"]), OfficialCardTools.Cards.Names.ToHashSet());
        foreach (var id in CardFiles.DataFileIds())
            Assert.True(OfficialCardTools.Cards.Names.Contains(id.Split('.')[0]), $"cards/{id}.data.json has no template cards/{id.Split('.')[0]}.json.");
    }

    [Fact]
    public void Expand_with_an_object_serializes_it_camel_case()
    {
        var folder = Directory.CreateTempSubdirectory("cards-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "hello.json"), """{ "type": "AdaptiveCard", "body": [ { "type": "TextBlock", "text": "Hi ${userName}", "$when": "${isNew}" } ] }""");
            var card = CardTemplates.Load(folder.FullName).Expand("hello", new { UserName = "Ada", IsNew = true });
            Assert.Equal("Hi Ada", card["body"]![0]!["text"]!.GetValue<string>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Expanding_an_unknown_card_names_it() =>
        Assert.Contains("nope", Assert.Throws<KeyNotFoundException>(() => OfficialCardTools.Cards.Expand("nope", new { })).Message);
}
