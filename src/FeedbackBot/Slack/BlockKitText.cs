using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FeedbackBot.Slack;

/// <summary>
/// Text for Block Kit: Slack's escaping (only <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>), Adaptive Card markdown turned into
/// mrkdwn, and cutting or splitting at places that do not break an entity or a link.
/// </summary>
public static partial class BlockKitText
{
    public const string Ellipsis = "…";

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Slack sends typed text escaped; turn it back into what the user typed.</summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>
    /// A Slack message's text as a reader sees it: mentions, channel links and special mentions by name, links as
    /// <c>label (url)</c>, then unescaped. For quoting a message outside Slack (a report's details).
    /// </summary>
    public static string Readable(string slackText) =>
        Unescape(SlackToken().Replace(slackText, m =>
        {
            var (target, label) = (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : "");
            return target[0] switch
            {
                '@' or '#' => label.Length > 0 ? $"{target[0]}{label}" : target,
                '!' => label.Length > 0 ? label : "@" + target[1..].Split('^')[0],
                _ => label.Length > 0 && label != target ? $"{label} ({target})" : target,
            };
        }));

    /// <summary>Escapes, then converts <c>**bold**</c> and <c>[text](https://…)</c>: the only links are the ones the card drew.</summary>
    public static string Mrkdwn(string adaptiveMarkdown)
    {
        var escaped = Escape(adaptiveMarkdown);
        escaped = Bold().Replace(escaped, "*$1*");
        return Link().Replace(escaped, m => $"<{m.Groups[2].Value.Replace("|", "%7C", StringComparison.Ordinal)}|{m.Groups[1].Value}>");
    }

    /// <summary>Plain text for headers, labels and buttons: the markdown marks removed (plain_text is never parsed, so no escaping).</summary>
    public static string Plain(string adaptiveMarkdown) =>
        Link().Replace(Bold().Replace(adaptiveMarkdown, "$1"), "$1");

    public static JsonObject MrkdwnObject(string mrkdwn) => new() { ["type"] = "mrkdwn", ["text"] = mrkdwn, ["verbatim"] = true };

    public static JsonObject PlainObject(string text, int max) => new() { ["type"] = "plain_text", ["text"] = Cut(text, max), ["emoji"] = true };

    /// <summary>Cuts plain text to <paramref name="max"/> characters, ending with an ellipsis so the cut shows.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - Ellipsis.Length;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + Ellipsis;
    }

    /// <summary>Cuts mrkdwn at a safe place and says it was shortened.</summary>
    public static string CutMrkdwn(string mrkdwn, int max)
    {
        const string note = "… _(shortened)_";
        return mrkdwn.Length <= max ? mrkdwn : mrkdwn[..SafeBreak(mrkdwn, max - note.Length)].TrimEnd() + note;
    }

    /// <summary>Splits long mrkdwn into pieces of at most <paramref name="max"/> characters, at line or word breaks when it can.</summary>
    public static IReadOnlyList<string> Split(string mrkdwn, int max)
    {
        var pieces = new List<string>();
        var rest = mrkdwn;
        while (rest.Length > max)
        {
            var end = SafeBreak(rest, max);
            pieces.Add(rest[..end].TrimEnd());
            rest = rest[end..].TrimStart();
        }
        if (rest.Length > 0 || pieces.Count == 0) pieces.Add(rest);
        return pieces;
    }

    /// <summary>An index at most <paramref name="limit"/> that is not inside an entity, a <c>&lt;link&gt;</c> or a surrogate pair.</summary>
    private static int SafeBreak(string text, int limit)
    {
        var end = limit;
        var open = text.LastIndexOf('<', end - 1);
        if (open > 0 && text.IndexOf('>', open) is var close && (close < 0 || close >= end)) end = open;
        var amp = text.LastIndexOf('&', end - 1);
        if (amp > 0 && text.IndexOf(';', amp) is var semi && semi >= end && semi - amp <= 6) end = amp;
        var space = text.LastIndexOfAny(['\n', ' '], end - 1);
        if (space > end * 2 / 3) end = space + 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return end > 0 ? end : limit;
    }

    /// <summary>The notification text: escaped, within what Slack shows in a notification.</summary>
    public static string Fallback(string summary) => Escape(Cut(summary.Length == 0 ? "FeedbackBot" : summary, 3000));

    public static string Describe(int count, string singular, string plural) =>
        count == 1 ? $"1 more {singular}" : $"{count:N0} more {plural}";

    [GeneratedRegex(@"<([^<>|]+)(?:\|([^<>]*))?>")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\*\*(.+?)\*\*", RegexOptions.Singleline)]
    private static partial Regex Bold();

    [GeneratedRegex(@"\[([^\]\n]+)\]\(((?:https?|mailto):[^)\s]+)\)")]
    private static partial Regex Link();
}
