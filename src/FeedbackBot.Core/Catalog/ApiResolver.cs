using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary>The API a command's words (or a button's <c>apiId</c>) name: the catalog entry, or what to answer instead.</summary>
public sealed record ResolvedApi(CatalogEntry? Entry, Reply? Instead);

/// <summary>Finds the API named in a command's words, by id or by name, for every feature.</summary>
public sealed class ApiResolver(ApiCatalog catalog)
{
    /// <summary>No words: asks which API (the user's next message answers <paramref name="askCommand"/>); unknown words: says so.</summary>
    public async Task<ResolvedApi> ResolveAsync(Turn turn, string words, string askCommand, CancellationToken cancellationToken) =>
        words.Length == 0
            ? new ResolvedApi(null, await WhichApiAsync(turn, askCommand, cancellationToken))
            : await FindAsync(turn.TenantKey, words, cancellationToken);

    /// <summary>The API the words name, or the answer that no API is called that.</summary>
    public async Task<ResolvedApi> FindAsync(string tenantKey, string words, CancellationToken cancellationToken) =>
        await catalog.FindAsync(tenantKey, words, cancellationToken) is { } entry
            ? new ResolvedApi(entry, null)
            : new ResolvedApi(null, Unknown(words));

    /// <summary>Asks which API is meant; the user's next message is read as the answer to <paramref name="command"/>.</summary>
    public async Task<Reply> WhichApiAsync(Turn turn, string command, CancellationToken cancellationToken)
    {
        var ids = (await catalog.ListAsync(turn.TenantKey, cancellationToken)).Select(e => e.Api.Id).Take(10).ToList();
        return ids.Count == 0
            ? new Reply.Text("The catalog is empty, so there is no API to show yet.")
            : new Reply.Question($"Which API? For example: {string.Join(", ", ids)}.", command);
    }

    public static Reply.Text Unknown(string words) =>
        new($"I don't know an API called \"{(words.Length > 60 ? words[..60] + "…" : words)}\". Type `apis` to see the catalog.");
}
