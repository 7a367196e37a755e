using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;

namespace FeedbackBot.Cards.Tests.Cards;

/// <summary>What each card shows for the data contracts the handlers send (see cards/README.md).</summary>
public sealed class CardContentTests
{
    private static JsonObject Sample(string caseId) =>
        OfficialCardTools.Cards.Expand(caseId.Split('.')[0], CardFiles.ReadData(caseId));

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(p => Descendants(p.Value))),
        JsonArray array => array.SelectMany(Descendants),
        _ => [],
    };

    private static IEnumerable<JsonObject> OfType(JsonNode card, string type) =>
        Descendants(card).Where(o => o["type"]?.GetValue<string>() == type);

    private static List<string> Texts(JsonNode card) =>
        OfType(card, "TextBlock").Select(t => t["text"]!.GetValue<string>()).ToList();

    private static JsonObject Action(JsonNode card, string title) =>
        Descendants(card).Single(o => o["type"]?.GetValue<string>() is "Action.Execute" or "Action.OpenUrl" && o["title"]?.GetValue<string>() == title);

    private static bool HasAction(JsonNode card, string title) =>
        Descendants(card).Any(o => o["type"]?.GetValue<string>()?.StartsWith("Action.", StringComparison.Ordinal) == true && o["title"]?.GetValue<string>() == title);

    [Theory]
    [MemberData(nameof(CardFiles.CaseIdData), MemberType = typeof(CardFiles))]
    public void Every_sample_is_a_teams_ready_card(string caseId)
    {
        var card = Sample(caseId);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
        Assert.DoesNotContain("${", card.ToJsonString());
        Assert.All(OfType(card, "TextBlock"), t => Assert.True(t["wrap"]?.GetValue<bool>(), $"TextBlock '{t["text"]}' should wrap"));
        Assert.DoesNotContain(Descendants(card), o => o["type"]?.GetValue<string>() == "Action.Submit");
        Assert.All(OfType(card, "Action.Execute"), a =>
        {
            Assert.False(string.IsNullOrEmpty(a["verb"]?.GetValue<string>()));
            Assert.IsType<JsonObject>(a["data"]);
        });
    }

    [Fact]
    public void Help_lists_the_role_then_each_section_and_its_commands()
    {
        var texts = Texts(Sample("help"));
        Assert.Equal(["What I can do for you", "Your role: product manager", "Feedback", "feedback <api>: <text>"], texts.Take(4));
        var usage = OfType(Sample("help"), "TextBlock").Single(t => t["text"]!.GetValue<string>() == "about <api>");
        Assert.Equal("Monospace", usage["fontType"]!.GetValue<string>());
        Assert.Contains("Your role: API consumer", Texts(Sample("help.consumer")));
    }

    [Fact]
    public void Api_list_has_an_about_button_per_api_and_the_add_button_for_those_who_may()
    {
        var card = Sample("api-list");
        var abouts = Descendants(card).Where(o => o["verb"]?.GetValue<string>() == "catalog.about").ToList();
        Assert.Equal(["payments", "invoices", "legacy-orders"], abouts.Select(a => a["data"]!["apiId"]!.GetValue<string>()));
        Assert.All(abouts, a => Assert.Equal("About", a["title"]!.GetValue<string>()));
        Assert.Contains("GA · 2.3", Texts(card));
        Assert.Contains("3 APIs", Texts(card));
        JsonAssert.Equal(new JsonObject(), Action(card, "Add an API")["data"], "Add an API data");
        Assert.Equal("catalog.add", Action(card, "Add an API")["verb"]!.GetValue<string>());
        Assert.False(HasAction(Sample("api-list.consumer"), "Add an API"));
        Assert.Contains("1 API", Texts(Sample("api-list.consumer")));
    }

    [Fact]
    public void An_empty_catalog_says_so()
    {
        var card = Sample("api-list.empty");
        Assert.Equal(["API catalog", "The catalog is empty."], Texts(card));
        Assert.True(HasAction(card, "Add an API"));
        Assert.DoesNotContain("The catalog is empty.", Texts(Sample("api-list")));
    }

    [Fact]
    public void Api_story_tells_the_story_with_docs_and_edit()
    {
        var card = Sample("api-story");
        var texts = Texts(card);
        Assert.Equal("Payments API", texts[0]);
        Assert.Contains("Who it is for", texts);
        Assert.Contains("The problem it solves", texts);
        var facts = OfType(card, "FactSet").Single()["facts"]!.AsArray().ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("GA", facts["Status"]);
        Assert.Equal("2.3", facts["Version"]);
        Assert.Equal("slack:U0123ABCD, teams:8f2c1d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f", facts["Owners"]);
        Assert.Equal("https://developer.example.com/payments", Action(card, "Read the docs")["url"]!.GetValue<string>());
        Assert.Equal("catalog.edit", Action(card, "Edit")["verb"]!.GetValue<string>());
        JsonAssert.Equal(new JsonObject { ["apiId"] = "payments" }, Action(card, "Edit")["data"], "Edit data");
    }

    [Fact]
    public void Api_story_leaves_out_what_is_empty_and_edit_for_readers()
    {
        var card = Sample("api-story.reader");
        Assert.DoesNotContain("Who it is for", Texts(card));
        Assert.DoesNotContain("The problem it solves", Texts(card));
        Assert.False(HasAction(card, "Read the docs"));
        Assert.False(HasAction(card, "Edit"));
        var facts = OfType(card, "FactSet").Single()["facts"]!.AsArray().Select(f => f!["title"]!.GetValue<string>());
        Assert.Equal(["Status", "Owners"], facts);
    }

    [Fact]
    public void Api_form_adds_with_every_input_at_the_top_level()
    {
        var card = Sample("api-form.add");
        var inputs = card["body"]!.AsArray().Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["id", "name", "pitch", "audience", "problem", "status", "version", "docsUrl", "owners"], inputs.Select(i => i["id"]!.GetValue<string>()));
        Assert.All(inputs, i => Assert.False(string.IsNullOrEmpty(i["label"]?.GetValue<string>())));
        Assert.Equal(["id", "name", "pitch", "status"], inputs.Where(i => i["isRequired"]?.GetValue<bool>() == true).Select(i => i["id"]!.GetValue<string>()));
        Assert.All(inputs.Where(i => i["isRequired"] is not null), i => Assert.False(string.IsNullOrEmpty(i["errorMessage"]?.GetValue<string>())));
        Assert.All(inputs.Where(i => i["type"]!.GetValue<string>() == "Input.Text"), i => Assert.Equal(ApiForm.MaxLengths[i["id"]!.GetValue<string>()], i["maxLength"]!.GetValue<int>()));
        Assert.Equal([true, true], inputs.Where(i => i["id"]!.GetValue<string>() is "audience" or "problem").Select(i => i["isMultiline"]!.GetValue<bool>()));
        var status = inputs.Single(i => i["id"]!.GetValue<string>() == "status");
        Assert.Equal(("Input.ChoiceSet", "compact", "GA"), (status["type"]!.GetValue<string>(), status["style"]!.GetValue<string>(), status["value"]!.GetValue<string>()));
        Assert.Equal(["Preview", "GA", "Deprecated"], status["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.DoesNotContain(OfType(card, "TextBlock"), t => t["color"] is not null);
        JsonAssert.Equal(new JsonObject { ["mode"] = "add", ["apiId"] = "", ["etag"] = "" }, Action(card, "Save")["data"], "Save data");
        Assert.Equal("catalog.save", Action(card, "Save")["verb"]!.GetValue<string>());
    }

    [Fact]
    public void Api_form_edits_with_the_id_read_only_and_values_filled_in()
    {
        var card = Sample("api-form");
        var body = card["body"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.DoesNotContain(body, e => e["id"]?.GetValue<string>() == "id");
        Assert.Contains(OfType(card, "FactSet"), f => f["facts"]![0]!["value"]!.GetValue<string>() == "payments");
        Assert.Equal("Payments API", body.Single(e => e["id"]?.GetValue<string>() == "name")["value"]!.GetValue<string>());
        Assert.Equal("slack:U0123ABCD, teams:8f2c1d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f", body.Single(e => e["id"]?.GetValue<string>() == "owners")["value"]!.GetValue<string>());
        var save = Action(card, "Save")["data"]!;
        Assert.Equal(("edit", "payments"), (save["mode"]!.GetValue<string>(), save["apiId"]!.GetValue<string>()));
        Assert.Equal(CardFiles.ReadData("api-form")!["etag"]!.GetValue<string>(), save["etag"]!.GetValue<string>());
    }

    [Fact]
    public void Api_form_shows_each_error_under_its_input()
    {
        var body = Sample("api-form.errors")["body"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var errors = CardFiles.ReadData("api-form.errors")!["errors"]!.AsObject();
        foreach (var (input, message) in errors)
        {
            var at = body.FindIndex(e => e["id"]?.GetValue<string>() == input);
            Assert.Equal(message!.GetValue<string>(), body[at + 1]["text"]!.GetValue<string>());
            Assert.Equal("attention", body[at + 1]["color"]!.GetValue<string>());
        }
        Assert.Equal(errors.Count, body.Count(e => e["color"]?.GetValue<string>() == "attention"));
        Assert.Equal("Pay Ments", body.Single(e => e["id"]?.GetValue<string>() == "id")["value"]!.GetValue<string>());
    }

    [Fact]
    public void Form_launcher_sends_its_action_data_as_an_object()
    {
        var card = Sample("form-launcher");
        var button = Action(card, "Open the form");
        Assert.Equal("catalog.edit", button["verb"]!.GetValue<string>());
        JsonAssert.Equal(new JsonObject { ["apiId"] = "payments" }, button["data"], "launcher data");
        Assert.Single(card["actions"]!.AsArray());
    }
}
