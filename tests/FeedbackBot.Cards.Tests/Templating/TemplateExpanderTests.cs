using System.Text.Json.Nodes;
using FeedbackBot.Cards.Tests.Cards;
using FeedbackBot.Templating;

namespace FeedbackBot.Cards.Tests.Templating;

/// <summary>The expander's subset, one feature at a time, with the results the JS library gives (see JsParityTests).</summary>
public sealed class TemplateExpanderTests
{
    private const string Data = """
        { "name": "Pay", "n": 3, "ok": true, "no": false, "empty": "", "nothing": null,
          "obj": { "apiId": "payments" }, "list": [ "a", "b", "c" ], "none": [],
          "apis": [ { "id": "p", "status": "GA" }, { "id": "i", "status": "Preview" } ] }
        """;

    private static JsonNode? Expand(string fragment, string data = Data) =>
        CardTemplate.Compile(new JsonObject { ["type"] = "AdaptiveCard", ["x"] = JsonNode.Parse(fragment) }, "test", "test.json").Expand(JsonNode.Parse(data))["x"];

    private static void Expect(string expectedJson, string fragment, string data = Data) =>
        JsonAssert.Equal(JsonNode.Parse(expectedJson), Expand(fragment, data), fragment);

    [Fact]
    public void A_binding_alone_keeps_the_type_of_its_value() =>
        Expect("""{ "o": { "apiId": "payments" }, "l": [ "a", "b", "c" ], "b": true, "n": 3, "s": "Pay", "z": null }""",
            """{ "o": "${obj}", "l": "${list}", "b": "${ok}", "n": "${n}", "s": "${name}", "z": "${nothing}" }""");

    [Fact]
    public void Bindings_inside_text_are_converted_to_text() =>
        Expect("\"Pay has 3 items: a,b,c (true)\"", "\"${name} has ${n} items: ${list} (${ok})\"");

    [Fact]
    public void Paths_reach_into_objects_and_lists_and_root() =>
        Expect("""[ "payments", "b", "Preview", "Pay" ]""", """[ "${obj.apiId}", "${list[1]}", "${apis[1].status}", "${$root.name}" ]""");

    [Fact]
    public void An_undefined_property_is_left_as_its_binding_text() =>
        Expect("""{ "alone": "${missing}", "deep": "${obj.missing}", "text": "Hello ${missing}!" }""",
            """{ "alone": "${missing}", "deep": "${obj.missing}", "text": "Hello ${missing}!" }""");

    [Fact]
    public void Data_over_a_list_repeats_the_object_with_index_and_root() =>
        Expect("""[ "start", { "t": "0 p GA Pay" }, { "t": "1 i Preview Pay" }, "end" ]""",
            """[ "start", { "$data": "${apis}", "t": "${$index} ${id} ${status} ${$root.name}" }, "end" ]""");

    [Fact]
    public void Data_over_an_empty_list_removes_the_object() =>
        Expect("""[ "start", "end" ]""", """[ "start", { "$data": "${none}", "t": "x" }, "end" ]""");

    [Fact]
    public void Data_over_an_object_rescopes_it() =>
        Expect("""{ "id": "payments" }""", """{ "$data": "${obj}", "id": "${apiId}" }""");

    [Fact]
    public void When_keeps_an_object_only_for_true() =>
        Expect("""[ { "v": 1 }, { "v": 4 } ]""",
            """[ { "$when": "${ok}", "v": 1 }, { "$when": "${no}", "v": 2 }, { "$when": "${missing}", "v": 3 }, { "$when": "${n > 2}", "v": 4 }, { "$when": "${name}", "v": 5 } ]""");

    [Fact]
    public void When_false_on_a_property_value_leaves_null() =>
        Expect("""{ "p": null }""", """{ "p": { "$when": "${no}", "v": 1 } }""");

    [Fact]
    public void If_empty_count_join_and_concat_work_like_adaptive_expressions() =>
        Expect("""[ "yes", true, true, false, 3, "a, b and c", "Pay-3", 10 ]""",
            """[ "${if(ok, 'yes', 'no')}", "${empty(empty)}", "${empty(missing)}", "${empty(list)}", "${count(list)}", "${join(list, ', ', ' and ')}", "${concat(name, '-', n)}", "${count(missing)}" ]""");

    [Fact]
    public void Operators_follow_adaptive_expressions_precedence_and_truth() =>
        Expect("""[ true, true, false, true, true, false, false, true ]""",
            """[ "${n == 3 && name != 'pay'}", "${no || n >= 3}", "${!ok}", "${!missing}", "${missing == null}", "${n < 2}", "${!empty}", "${ok && !(n < 2)}" ]""");

    [Fact]
    public void A_failing_binding_inside_text_is_written_back_in_canonical_form() =>
        Expect("\"x ${join(n, ', ')} ${(n > 'a')}\"", "\"x ${join(n, ', ')} ${n > 'a'}\"");

    [Fact]
    public void A_failing_binding_alone_throws_naming_the_card_and_the_binding()
    {
        var error = Assert.Throws<CardTemplateException>(() => Expand("\"${join(n, ', ')}\""));
        Assert.Contains("'test'", error.Message);
        Assert.Contains("${join(n, ', ')}", error.Message);
    }

    [Fact]
    public void Null_inside_text_throws_as_the_js_library_does() =>
        Assert.Throws<CardTemplateException>(() => Expand("\"x ${nothing}\""));

    [Fact]
    public void Null_items_leave_lists_and_nested_lists_are_flattened() =>
        Expect("""[ 1, 2, 3, "a", "b", "c" ]""", """[ [ 1, 2 ], null, 3, "${nothing}", "${list}" ]""");

    [Fact]
    public void Property_names_are_matched_ignoring_case() =>
        Expect("\"Pay payments\"", "\"${NAME} ${Obj.APIID}\"");

    [Fact]
    public void An_action_data_binding_gives_an_object()
    {
        var action = Expand("""{ "type": "Action.Execute", "verb": "x", "data": "${obj}" }""")!;
        Assert.Equal("payments", action["data"]!["apiId"]!.GetValue<string>());
    }
}
