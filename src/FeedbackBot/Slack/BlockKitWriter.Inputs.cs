using System.Text.Json;
using System.Text.Json.Nodes;
using static FeedbackBot.Slack.BlockKitText;

namespace FeedbackBot.Slack;

internal sealed partial class BlockKitWriter
{
    /// <summary>Every input's element uses this action id; the block id is the Adaptive Card input id.</summary>
    public const string InputActionId = "input";

    private void Input(JsonObject input)
    {
        var id = Str(input, "id");
        if (id.Length == 0) return;
        if (id.Length > BlockKitLimits.BlockId)
            throw new InvalidOperationException($"The input id '{Cut(id, 60)}' is longer than a Slack block_id ({BlockKitLimits.BlockId} characters).");

        var hints = new List<string>();
        var element = Str(input, "type") switch
        {
            "Input.ChoiceSet" when IsPeoplePicker(input) => UserSelect(input),
            "Input.ChoiceSet" => Select(input, hints),
            "Input.Toggle" => Toggle(input),
            "Input.Date" => DatePicker(input),
            "Input.Number" => Optional(new JsonObject { ["type"] = "number_input", ["is_decimal_allowed"] = true }, "initial_value", Str(input, "value")),
            _ => TextInput(input, hints),
        };
        element["action_id"] = InputActionId;
        if (Str(input, "placeholder") is { Length: > 0 } placeholder && Str(element, "type") != "checkboxes")
            element["placeholder"] = PlainObject(placeholder, BlockKitLimits.Placeholder);

        var label = Str(input, "label") is { Length: > 0 } given ? given : Str(input, "placeholder") is { Length: > 0 } p ? p : id;
        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = id,
            ["label"] = PlainObject(Plain(label), BlockKitLimits.InputLabel),
            ["optional"] = input["isRequired"]?.GetValueKind() != JsonValueKind.True,
            ["element"] = element,
        };
        if (hints.Count > 0) block["hint"] = PlainObject(string.Join(" ", hints), BlockKitLimits.InputHint);
        // In a message, typing must not send anything: the values travel with the next button click.
        if (!modal) block["dispatch_action"] = false;
        Add(block);
        afterInput = true;
    }

    private static JsonObject TextInput(JsonObject input, List<string> hints)
    {
        var element = new JsonObject { ["type"] = "plain_text_input", ["multiline"] = input["isMultiline"]?.GetValueKind() == JsonValueKind.True };
        var max = input["maxLength"] is JsonValue m && m.TryGetValue<int>(out var length) && length > 0 ? Math.Min(length, BlockKitLimits.PlainTextInput) : BlockKitLimits.PlainTextInput;
        element["max_length"] = max;
        var value = Str(input, "value");
        if (value.Length > max)
        {
            value = value[..max];
            hints.Add($"The saved text was longer than {max:N0} characters and was shortened here.");
        }
        return Optional(element, "initial_value", value);
    }

    private static JsonObject Select(JsonObject input, List<string> hints)
    {
        var choices = (input["choices"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (choices.Count > BlockKitLimits.SelectOptions)
            hints.Add($"…shortened: {Describe(choices.Count - BlockKitLimits.SelectOptions, "choice", "choices")} did not fit.");
        var options = choices.Take(BlockKitLimits.SelectOptions).Select(c => Option(Str(c, "title"), Str(c, "value"))).ToList();
        var multi = input["isMultiSelect"]?.GetValueKind() == JsonValueKind.True;
        var element = new JsonObject
        {
            ["type"] = multi ? "multi_static_select" : "static_select",
            ["options"] = new JsonArray(options.Select(o => (JsonNode)o.DeepClone()).ToArray()),
        };
        var selected = Str(input, "value").Split(multi ? ',' : '\n').Select(v => v.Trim()).ToHashSet();
        var initial = options.Where(o => selected.Contains(Str(o, "value"))).ToList();
        if (multi && initial.Count > 0) element["initial_options"] = new JsonArray(initial.Select(o => (JsonNode)o.DeepClone()).ToArray());
        else if (!multi && initial.Count > 0) element["initial_option"] = initial[0].DeepClone();
        return element;
    }

    /// <summary>
    /// A searchable list of people (a filtered choice set whose values are all Slack user ids) is Slack's own user
    /// picker, read back from <c>selected_user</c>: it finds anyone in the workspace, by name.
    /// </summary>
    private static bool IsPeoplePicker(JsonObject input) =>
        Str(input, "style") == "filtered" && input["choices"] is JsonArray { Count: > 0 } choices
        && choices.OfType<JsonObject>().All(c => IsUserId(Str(c, "value")));

    private static bool IsUserId(string value) => value.Length is > 1 and <= 20 && value[0] is 'U' or 'W' && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>Slack refuses the view for an <c>initial_user</c> that is not a user id, so anything else starts empty.</summary>
    private static JsonObject UserSelect(JsonObject input)
    {
        var value = Str(input, "value").Trim();
        return Optional(new JsonObject { ["type"] = "users_select" }, "initial_user", IsUserId(value) ? value : "");
    }

    /// <summary>
    /// A date input becomes a datepicker, read back from <c>selected_date</c> (YYYY-MM-DD, as Input.Date submits). Slack
    /// refuses the whole view for an <c>initial_date</c> that is not a real YYYY-MM-DD date, so anything else starts empty.
    /// </summary>
    private static JsonObject DatePicker(JsonObject input)
    {
        var value = Str(input, "value").Trim();
        var valid = DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
        return Optional(new JsonObject { ["type"] = "datepicker" }, "initial_date", valid ? value : "");
    }

    /// <summary>A toggle becomes a two-option select, so the submitted value is the card's own on/off value.</summary>
    private static JsonObject Toggle(JsonObject input)
    {
        var on = Str(input, "valueOn") is { Length: > 0 } v1 ? v1 : "true";
        var off = Str(input, "valueOff") is { Length: > 0 } v2 ? v2 : "false";
        var options = new[] { Option(Str(input, "title") is { Length: > 0 } t ? t : "Yes", on), Option("No", off) };
        var element = new JsonObject { ["type"] = "static_select", ["options"] = new JsonArray(options.Select(o => (JsonNode)o.DeepClone()).ToArray()) };
        element["initial_option"] = (Str(input, "value") == on ? options[0] : options[1]).DeepClone();
        return element;
    }

    private static JsonObject Option(string title, string value) => new()
    {
        ["text"] = PlainObject(Plain(title.Length > 0 ? title : value), BlockKitLimits.OptionText),
        ["value"] = value.Length <= BlockKitLimits.OptionValue
            ? value
            : throw new InvalidOperationException($"The choice value '{Cut(value, 40)}' is longer than a Slack option value ({BlockKitLimits.OptionValue} characters)."),
    };

    private static JsonObject Optional(JsonObject element, string name, string value)
    {
        if (value.Length > 0) element[name] = value;
        return element;
    }
}
