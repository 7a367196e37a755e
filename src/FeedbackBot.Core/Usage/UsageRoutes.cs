using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Usage;

/// <summary>Usage analytics' words (collected by <see cref="ConversationRoutes"/>). No card buttons of its own yet.</summary>
public static class UsageRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("usage key new", "usage key new <name> [<api> …]", "An ingest key for a gateway (the secret comes to your personal chat, once); `--hash-consumers` stores consumer ids hashed", Audience.ProductManagers, typeof(UsageKeyNewHandler)),
        new("usage key revoke", "usage key revoke <name>", "Revoke an ingest key: its next batch is refused", Audience.ProductManagers, typeof(UsageKeyRevokeHandler)),
        new("usage keys", "usage keys", "The ingest keys: APIs, last batch, records this week", Audience.ProductManagers, typeof(UsageKeysHandler)),
        new("usage map", "usage map <gateway id> <api>", "Count a gateway's own API id as a catalog API", Audience.ProductManagers, typeof(UsageMapHandler)),
        new("usage link", "usage link <api> <consumer> <person> …", "These people are that gateway consumer: their reports show its usage on the triage card", Audience.ProductManagers, typeof(UsageLinkHandler)),
        new("usage status", "usage status", "Where usage comes from: keys, last batches, refusals and why, unmapped gateway ids", Audience.ProductManagers, typeof(UsageStatusHandler)),
        new("usage", "usage <api>", "An API's usage this week so far: calls, errors, latency, consumers", Audience.ProductManagers, typeof(UsageShowHandler)),
        new("digest here usage", "digest here usage <api|all>", "In a channel: post the weekly usage digest of that API, or all, here", Audience.ProductManagers, typeof(UsageDigestHereHandler)),
        new("digest stop usage", "digest stop usage", "In a channel: stop the weekly usage digest here", Audience.ProductManagers, typeof(UsageDigestStopHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions = [];
}
