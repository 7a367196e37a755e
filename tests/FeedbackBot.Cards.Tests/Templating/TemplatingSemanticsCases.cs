using System.Text.Json.Nodes;
using FeedbackBot.Templating;

namespace FeedbackBot.Cards.Tests.Templating;

/// <summary>A small template (<c>{"type": "AdaptiveCard", "x": fragment}</c>) that pins one corner of the templating semantics.</summary>
public sealed record SemanticsCase(string Name, string Fragment, string? DataJson = null)
{
    public string JsId => "semantics:" + Name;

    public JsonNode Template() => new JsonObject { ["type"] = "AdaptiveCard", ["x"] = JsonNode.Parse(Fragment) };

    public JsonNode? Data() => JsonNode.Parse(DataJson ?? TemplatingSemanticsCases.SharedData);

    public JsonObject ExpandWithCSharp() =>
        CardTemplate.Compile(Template(), Name, Name + ".json").Expand(Data());

    public override string ToString() => Name;
}

/// <summary>Cases compared with the official JS library, chosen where JavaScript and adaptive-expressions surprise.</summary>
public static class TemplatingSemanticsCases
{
    public const string SharedData = """
        {
          "name": "Pay", "n": 3, "f": 2.5, "big": 1e21, "small": 1e-7, "neg": -0.5, "ints": 123456789012,
          "t": true, "fa": false, "z": 0, "e": "", "nul": null,
          "obj": { "x": 1, "y": "two" }, "obj2": { "y": "two", "x": 1 }, "emptyObj": {},
          "list": [ "a", "b" ], "list2": [ "a", "b" ], "three": [ "a", "b", "c" ], "emptyList": [],
          "arr": [ { "v": 1 }, { "v": 2 } ], "one": [ { "v": 1 } ], "objs": [ { "a": 1 }, { "b": 2 } ],
          "groups": [ { "title": "G1", "items": [ { "label": "a" }, { "label": "b" } ] }, { "title": "G2", "items": [] } ]
        }
        """;

    public static readonly IReadOnlyList<SemanticsCase> All =
    [
        new("undefined-bound-alone", """{ "a": "${missing}", "b": "${missing.deep}", "c": "${$root.missing}", "d": "${arr[1].missing}", "e": "${$index}" }"""),
        new("undefined-in-text", """{ "a": "Hello ${missing}!", "b": "${name} ${missing} ${n}" }"""),
        new("null-values", """{ "a": "${nul}", "b": [ "${nul}", 1, null ], "c": "${empty(nul)}" }"""),
        new("types-kept", """{ "obj": "${obj}", "list": "${list}", "flag": "${t}", "n": "${n}", "f": "${f}", "text": "${e}", "no": "${fa}" }"""),
        new("values-in-text", """{ "a": "${n} ${f} ${big} ${small} ${neg} ${ints} ${t} ${fa} ${obj} ${list} ${objs} ${z}" }"""),
        new("when-in-list", """[ { "$when": "${t}", "v": 1 }, { "$when": "${missing}", "v": 2 }, { "$when": "${name}", "v": 3 }, { "$when": "${n == 3}", "v": 4 }, { "$when": "${!empty(e)}", "v": 5 }, { "$when": "${fa}", "v": 6 } ]"""),
        new("when-as-property", """{ "p": { "$when": "${fa}", "v": 1 }, "q": { "$when": "${t}", "v": 2 } }"""),
        new("data-repeats", """[ { "$data": "${list}", "t": "${$index}: ${$data}", "r": "${$root.name}" }, { "$data": "${emptyList}", "t": "never" }, "end" ]"""),
        new("data-nested", """[ { "$data": "${groups}", "title": "${title}", "items": [ { "$data": "${items}", "t": "${title}/${label} #${$index}" } ] } ]"""),
        new("data-rescopes-to-object", """{ "p": { "$data": "${obj}", "x": "${x}", "root": "${$root.name}" } }"""),
        new("data-on-undefined", """{ "p": { "$data": "${missing}", "t": "${length}", "d": "${$data}" } }"""),
        new("data-as-property", """{ "p": { "$data": "${arr}", "v": "${v}" }, "q": { "$data": "${one}", "v": "${v}" }, "r": { "$data": "${emptyList}", "v": 0 } }"""),
        new("lists-flatten", """{ "a": [ [ 1, 2 ], 3, null, "${list}", [ "${nul}" ] ] }"""),
        new("if-and-empty", """{ "if": "${if(t, 'yes', 'no')}", "testUndefined": "${if(missing, 1, 2)}", "branchUndefined": "${if(t, missing, 2)}", "truthy": [ "${if(z, 1, 2)}", "${if(e, 1, 2)}" ], "empty": [ "${empty(e)}", "${empty(list)}", "${empty(obj)}", "${empty(n)}", "${empty(emptyObj)}", "${empty(missing)}", "${empty(name)}" ] }"""),
        new("count", """{ "a": [ "${count(list)}", "${count(name)}", "${count(obj)}", "${count(missing)}", "${count(emptyList)}" ] }"""),
        new("join", """{ "a": [ "${join(list, ', ')}", "${join(list, ', ', ' and ')}", "${join(three, ', ', ' and ')}", "${join(objs, '|')}", "${join(list, missing)}" ] }"""),
        new("concat", """{ "a": [ "${concat(name, '-', n)}", "${concat(list, list)}", "${concat(n)}", "x ${concat(list, list)}", "${if(t, concat(list, list), 0)}", "${concat(missing, '!')}", "${concat(obj, '!')}", "${if(t, concat(obj, '!'), 0)}" ] }"""),
        new("operators", """{ "a": [ "${n == 3}", "${n != 3}", "${name == 'pay'}", "${missing == null}", "${nul == missing}", "${missing != ''}", "${n < 5}", "${n > 5}", "${n >= 3}", "${n <= 2}", "${'a' < 'b'}", "${missing > 2}", "${!missing}", "${!e}", "${!z}", "${t && missing}", "${missing || t}", "${t && n == 3 || fa}", "${n == 3.0}" ] }"""),
        new("equality-deep", """{ "a": [ "${obj == obj2}", "${list == list2}", "${obj == list}", "${list == three}" ] }"""),
        new("failed-binding-in-text", """{ "a": "x ${join(n, ', ')}", "b": "x ${list[5]}", "c": "x ${n > 'a'}", "d": "x ${count(n)}", "e": "x ${if(n > 1, join(n, ','), 'z')}", "f": "x ${name[0]}", "g": "x ${n < 5 == t}", "h": "x ${!(t && join(n, 'it'))}" }"""),
        new("property-names-ignore-case", """{ "a": "${NAME}", "b": "${Obj.X}", "c": "${$root.NAME}" }"""),
        new("index-paths", """{ "a": "${list[0]}", "b": "${arr[1].v}", "c": "${arr[7].v}", "d": "${nul[0]}", "e": [ "${nul[0]}" ], "f": "${$root.arr[0].v}", "g": "${name[0].x}" }"""),
        new("failed-binding-alone", """{ "a": "${join(n, ', ')}" }"""),
        new("null-in-text", """{ "a": "x ${nul}" }"""),
        new("when-sees-data-scope", """[ { "$data": "${obj}", "$when": "${y == 'two'}", "keep": "${y}" }, { "$data": "${obj}", "$when": "${t}", "keep": 1 } ]"""),
        new("action-data-object", """{ "type": "Action.Execute", "verb": "${name}", "data": "${obj}" }"""),
    ];

    public static TheoryData<string> Names() => new(All.Select(c => c.Name));
}
