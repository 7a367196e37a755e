using System.Globalization;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// <c>usage key new &lt;name&gt; [&lt;api&gt; …] [--hash-consumers] [--consumer-attribute &lt;name&gt;]</c>: a gateway's
/// ingest key. The secret goes to the product manager's personal chat, once; only its hash is stored.
/// </summary>
public sealed class UsageKeyNewHandler(
    IUsageKeyStore keys, ApiCatalog catalog, RoleDirectory roles, IMessenger messenger, UsageSettings settings, TimeProvider time) : ITurnHandler
{
    public const string Usage = "`usage key new <name> [<api> …] [--hash-consumers] [--consumer-attribute <name>]`";

    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can make ingest keys.")];
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var hash = words.RemoveAll(w => w.Equals("--hash-consumers", StringComparison.OrdinalIgnoreCase)) > 0;
        var attribute = OtlpFormat.DefaultConsumerAttribute;
        var at = words.FindIndex(w => w.Equals("--consumer-attribute", StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            if (at + 1 >= words.Count) return [new Reply.Text("`--consumer-attribute` needs the span attribute that names the consumer, e.g. `--consumer-attribute app.consumer`.")];
            attribute = words[at + 1];
            words.RemoveRange(at, 2);
        }
        if (words.Count == 0) return [new Reply.Text($"Name the key after its gateway: {Usage}, e.g. `usage key new kong-prod payments orders`.")];
        var name = words[0].ToLowerInvariant();
        if (!UsageKey.IsValidName(name)) return [new Reply.Text($"\"{JsonShort(words[0])}\" can't be a key name: use up to 40 lower-case letters, digits and dashes, e.g. `kong-prod`.")];
        if (hash && !settings.CanHashConsumers)
            return [new Reply.Text("Consumer ids can't be hashed until the bot has a hash key: set `Usage:ConsumerHashKey` (an environment variable or user secret), then try again.")];

        var apis = new List<string>();
        foreach (var word in words.Skip(1))
        {
            var api = await catalog.FindAsync(turn.TenantKey, word, cancellationToken);
            if (api is null) return [ApiResolver.Unknown(word)];
            apis.Add(api.Api.Id);
        }

        var secret = UsageKey.NewSecret();
        var key = new UsageKey(turn.TenantKey, name, apis.Distinct().ToList(), UsageKey.HashOf(secret), hash, attribute, turn.User.Label, time.GetUtcNow());
        if (!await keys.AddAsync(key, cancellationToken))
            return [new Reply.Text($"There is already a key called {name}. Pick another name, or `usage key revoke {name}` first.")];

        var message = SecretMessage(key, secret);
        if (turn.Conversation.Kind == ConversationKind.Personal) return [new Reply.Text(message)];
        // A secret never goes to a channel: the product manager gets it in their personal chat with the bot.
        await messenger.NotifyAsync(turn.User, turn.Handle, new Reply.Text(message), cancellationToken);
        return [new Reply.Text($"Key {name} is made. I sent its secret to {turn.User.Label} in a personal chat: it is shown once, never here.")];
    }

    private string SecretMessage(UsageKey key, string secret)
    {
        var scope = key.Apis.Count == 0 ? "every API of this workspace" : string.Join(", ", key.Apis);
        var at = settings.PublicBaseUrl.Length > 0 ? settings.PublicBaseUrl.TrimEnd('/') : "this bot's address";
        return $"Ingest key **{key.Name}** for {scope}. Its secret, shown this once (I keep only a hash of it):\n\n`{secret}`\n\n"
            + $"Send it as `Authorization: Bearer <secret>` or `X-Api-Key: <secret>` to {at}/api/usage/v1/records (NDJSON), "
            + "/api/usage/v1/kong (Kong http-log) or /api/usage/v1/otlp/v1/traces (OTLP/HTTP JSON"
            + (key.ConsumerAttribute != OtlpFormat.DefaultConsumerAttribute ? $", consumer from `{key.ConsumerAttribute}`" : "") + "). "
            + (key.HashConsumers ? "Consumer ids are stored as a keyed hash, shown by their last 4 characters. " : "")
            + $"`usage key revoke {key.Name}` ends it.";
    }

    internal static string JsonShort(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary><c>usage keys</c>: the ingest keys, their APIs, last batch and records this week.</summary>
public sealed class UsageKeysHandler(IUsageKeyStore keys, IUsageSources sources, RoleDirectory roles) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can see the ingest keys.")];
        var all = await keys.ListAsync(turn.TenantKey, cancellationToken);
        if (all.Count == 0) return [new Reply.Text("No ingest keys yet. `usage key new <name> [<api> …]` makes one for a gateway.")];
        var stats = (await sources.StatsAsync(turn.TenantKey, cancellationToken)).ToDictionary(s => s.KeyName, StringComparer.Ordinal);
        var lines = all.Select(k =>
        {
            var scope = k.Apis.Count == 0 ? "every API" : string.Join(", ", k.Apis);
            if (k.RevokedAt is { } revoked) return $"• **{k.Name}** ({scope}): revoked {revoked:d MMM yyyy}";
            var s = stats.GetValueOrDefault(k.Name);
            var last = s?.LastBatchAt is { } lastAt ? $"last batch {lastAt:d MMM HH:mm} UTC" : "no batch yet";
            var week = s is null ? "" : $", {s.Accepted.ToString("N0", CultureInfo.InvariantCulture)} records in {s.Week}";
            return $"• **{k.Name}** ({scope}{(k.HashConsumers ? ", consumers hashed" : "")}): {last}{week}; made by {k.CreatedBy} on {k.CreatedAt:d MMM yyyy}";
        });
        return [new Reply.Text("Ingest keys:\n" + string.Join("\n", lines))];
    }
}

/// <summary><c>usage key revoke &lt;name&gt;</c>: the key is refused from the next batch on.</summary>
public sealed class UsageKeyRevokeHandler(IUsageKeyStore keys, RoleDirectory roles, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can revoke ingest keys.")];
        var name = arguments.Trim().ToLowerInvariant();
        if (name.Length == 0) return [new Reply.Text("Which key? `usage key revoke <name>`; `usage keys` lists them.")];
        return await keys.RevokeAsync(turn.TenantKey, name, time.GetUtcNow(), cancellationToken)
            ? [new Reply.Text($"Key {name} is revoked: its next batch gets a 401. What it sent stays in the rollups.")]
            : [new Reply.Text($"There is no active key called {UsageKeyNewHandler.JsonShort(name)}. `usage keys` lists them.")];
    }
}

/// <summary><c>usage map &lt;gateway id&gt; &lt;api&gt;</c>: records a gateway sends under its own API id count for a catalog API.</summary>
public sealed class UsageMapHandler(IUsageSources sources, ApiCatalog catalog, RoleDirectory roles) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can map gateway ids to APIs.")];
        var words = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return [new Reply.Text("`usage map <gateway id> <api>`, e.g. `usage map payments-svc-v2 payments`. `usage status` lists the unmapped ids.")];
        if (words[0].Length > 100) return [new Reply.Text("A gateway id is at most 100 characters.")];
        var api = await catalog.FindAsync(turn.TenantKey, words[1], cancellationToken);
        if (api is null) return [ApiResolver.Unknown(words[1])];
        await sources.SetMappingAsync(turn.TenantKey, words[0], api.Api.Id, turn.User.Label, cancellationToken);
        return [new Reply.Text($"From now on, records of gateway id \"{words[0]}\" count for {api.Api.Name}. What arrived before stays apart as unmapped.")];
    }
}
