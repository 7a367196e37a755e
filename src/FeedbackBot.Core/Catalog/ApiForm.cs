using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary>The <c>api-form</c> card: what it shows, and the rules for what it may store.</summary>
public static partial class ApiForm
{
    public const string Template = "api-form";

    /// <summary>Input ids of the form and the longest text each accepts (well inside Table Storage's 32K per property).</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        ["id"] = 40, ["name"] = 80, ["pitch"] = 300, ["audience"] = 2000, ["problem"] = 2000,
        ["status"] = 20, ["version"] = 40, ["docsUrl"] = 2000, ["owners"] = 1000,
    };

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    public static object Data(string mode, ApiEntry? api, string etag, IReadOnlyDictionary<string, string>? errors = null, JsonObject? typed = null)
    {
        string Value(string input, string? stored) => typed?[input]?.ToString() ?? stored ?? "";
        return new
        {
            mode,
            title = mode == "add" ? "Add an API" : $"Edit {api?.Name}",
            apiId = api?.Id ?? "",
            id = Value("id", api?.Id),
            name = Value("name", api?.Name),
            pitch = Value("pitch", api?.Pitch),
            audience = Value("audience", api?.Audience),
            problem = Value("problem", api?.Problem),
            status = Value("status", api?.Status.ToString() ?? nameof(ApiLifecycle.GA)),
            version = Value("version", api?.Version),
            docsUrl = Value("docsUrl", api?.DocsUrl),
            owners = Value("owners", api is null ? null : string.Join(", ", api.Owners)),
            etag,
            errors = errors ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Reads a submitted form; returns the entry, or the errors by input id (nothing is stored then).</summary>
    public static (ApiEntry? Api, IReadOnlyDictionary<string, string> Errors) Read(CardAction action, string? fixedId)
    {
        var errors = new Dictionary<string, string>();
        string Text(string input)
        {
            var value = TurnRouter.Normalize(action.Get(input) ?? "");
            if (value.Length > MaxLengths[input])
                errors[input] = $"At most {MaxLengths[input]:N0} characters, please (this has {value.Length:N0}).";
            return value;
        }

        var id = fixedId ?? Text("id").ToLowerInvariant();
        var name = Text("name");
        var pitch = Text("pitch");
        var audience = Text("audience");
        var problem = Text("problem");
        var statusText = Text("status");
        var version = Text("version");
        var docsUrl = Text("docsUrl");
        var ownersText = Text("owners");

        if (fixedId is null && !errors.ContainsKey("id") && !IsValidId(id))
            errors["id"] = "Use 2 to 40 lower-case letters, digits or dashes, starting with a letter or digit (like `payments`).";
        Require(errors, "name", name, "Give the API a name.");
        Require(errors, "pitch", pitch, "Say in one line what the API does for its consumers.");
        if (!Enum.TryParse<ApiLifecycle>(statusText, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            errors.TryAdd("status", "Pick Preview, GA or Deprecated.");
        if (docsUrl.Length > 0 && !(Uri.TryCreate(docsUrl, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")))
            errors.TryAdd("docsUrl", "Give a full web address starting with https://, or leave it empty.");
        var owners = ReadOwners(ownersText, errors);

        return errors.Count > 0
            ? (null, errors)
            : (new ApiEntry(id, name, pitch, audience, problem, status, version, docsUrl, owners), errors);
    }

    private static List<string> ReadOwners(string text, Dictionary<string, string> errors)
    {
        var owners = new List<string>();
        foreach (var part in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Person.TryParse(part, out var person)) owners.Add(person.Key);
            else errors.TryAdd("owners", $"\"{(part.Length > 40 ? part[..40] + "…" : part)}\" is not a person: write teams:<AAD object id> or slack:<user id>, separated by commas.");
        }
        return owners.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static void Require(Dictionary<string, string> errors, string input, string value, string message)
    {
        if (value.Length == 0) errors.TryAdd(input, message);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex IdPattern();
}
