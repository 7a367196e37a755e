using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

/// <summary>Reading what the bot sent to Slack and what it stored, the way the Slack tests assert it.</summary>
public static class SlackTestKit
{
    public static JsonArray Blocks(this RecordedRequest call) => call.Json!["blocks"] as JsonArray ?? [];

    /// <summary>All text a reader sees in a message or view: block texts, fields, labels, buttons, and the fallback text.</summary>
    public static string VisibleText(this RecordedRequest call) => VisibleText(call.Json);

    public static string VisibleText(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Where(p => p.Key is not ("action_id" or "block_id" or "value" or "private_metadata" or "type"))
            .Select(p => p.Value is JsonValue v && p.Key == "text" ? v.ToString() : VisibleText(p.Value)).Where(t => t.Length > 0)),
        JsonArray a => string.Join("\n", a.Select(VisibleText).Where(t => t.Length > 0)),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "",
        _ => "",
    };

    /// <summary>Every inbox row of this app (a test may read all 16 shards; the bot never does).</summary>
    public static async Task<List<TableEntity>> InboxRowsAsync(this BotApplication bot)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(bot.TablePrefix + "SlackInbox");
        try
        {
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>()) rows.Add(row);
            return rows;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>Finds the button whose action id starts with <paramref name="verb"/>, as Slack would echo it back on a click.</summary>
    public static JsonObject Button(JsonArray blocks, string verb) =>
        blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
            .FirstOrDefault(e => ((string?)e["action_id"])?.StartsWith(verb + "|", StringComparison.Ordinal) == true)
        ?? throw new Xunit.Sdk.XunitException($"No button for {verb} in {blocks.ToJsonString()}");

    public static Task<RecordedRequest> WaitForMessageAsync(this BotApplication bot, Func<string, bool> visible, string what) =>
        bot.Slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && visible(r.VisibleText()), what);
}
