using System.Text.Json.Nodes;

namespace FeedbackBot.Playground;

/// <summary>
/// One line of a conversation as the page draws it: a person's words, or what the bot sent (a Teams activity's text and
/// Adaptive Card, or a Slack message's text and blocks). <paramref name="VisibleTo"/> marks a Slack ephemeral message.
/// </summary>
public sealed record PlaygroundMessage(
    string Id, string Platform, string Conversation, string From, string Text,
    JsonNode? Card = null, JsonArray? Blocks = null, string? Thread = null, string? VisibleTo = null, string Kind = "message")
{
    public long Sequence { get; init; }

    public int Edits { get; init; }

    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A Slack view the bot opened (modal) or published (Home tab).</summary>
public sealed record PlaygroundView(string ViewId, string Hash, JsonObject View);

/// <summary>
/// What the platforms would have shown, as the stand-ins received it: messages per conversation, each Slack user's open
/// modals and Home tab. In memory: the playground starts fresh with every start (its storage is re-seeded to match).
/// </summary>
public sealed class PlaygroundTranscript(TimeProvider time)
{
    /// <summary>Older messages of a conversation are dropped past this, so a long session cannot grow without bound.</summary>
    public const int MaxPerConversation = 300;

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<PlaygroundMessage>> conversations = [];
    private readonly Dictionary<string, List<PlaygroundView>> modals = [];
    private readonly Dictionary<string, PlaygroundView> homes = [];
    private TaskCompletionSource changed = NewSignal();
    private long version;
    private long ids;

    public long Version => Interlocked.Read(ref version);

    /// <summary>Completes at the next change.</summary>
    public Task Changed
    {
        get { lock (gate) return changed.Task; }
    }

    public static string Key(string platform, string conversation) => $"{platform}|{conversation}";

    public string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref ids)}";

    public PlaygroundMessage Add(PlaygroundMessage message)
    {
        lock (gate)
        {
            var key = Key(message.Platform, message.Conversation);
            if (!conversations.TryGetValue(key, out var list)) conversations[key] = list = [];
            // Stamped by the bot's clock, so what was seeded "last week" reads as last week.
            var added = message with { Sequence = ++version, At = time.GetUtcNow() };
            list.Add(added);
            if (list.Count > MaxPerConversation) list.RemoveAt(0);
            Signal();
            return added;
        }
    }

    /// <summary>Replaces a message's content; false when the conversation has no such message.</summary>
    public bool Update(string platform, string conversation, string id, Func<PlaygroundMessage, PlaygroundMessage> change)
    {
        lock (gate)
        {
            if (!conversations.TryGetValue(Key(platform, conversation), out var list)) return false;
            var index = list.FindIndex(m => m.Id == id);
            if (index < 0) return false;
            list[index] = change(list[index]) with { Sequence = ++version, Edits = list[index].Edits + 1 };
            Signal();
            return true;
        }
    }

    public PlaygroundMessage? Find(string platform, string conversation, string id)
    {
        lock (gate)
            return conversations.TryGetValue(Key(platform, conversation), out var list) ? list.FirstOrDefault(m => m.Id == id) : null;
    }

    public IReadOnlyList<PlaygroundMessage> Messages(string platform, string conversation)
    {
        lock (gate) return conversations.TryGetValue(Key(platform, conversation), out var list) ? list.ToList() : [];
    }

    /// <summary>How many messages each conversation holds and the sequence of its latest, for unread marks.</summary>
    public IReadOnlyDictionary<string, (int Count, long Latest)> Summary()
    {
        lock (gate) return conversations.ToDictionary(c => c.Key, c => (c.Value.Count, c.Value.Count == 0 ? 0 : c.Value[^1].Sequence));
    }

    public IReadOnlyList<PlaygroundView> Modals(string user)
    {
        lock (gate) return modals.TryGetValue(user, out var stack) ? stack.ToList() : [];
    }

    public PlaygroundView? Home(string user)
    {
        lock (gate) return homes.GetValueOrDefault(user);
    }

    public PlaygroundView OpenModal(string user, JsonObject view, bool push)
    {
        lock (gate)
        {
            var opened = new PlaygroundView(NextId("V0PG"), NextId("hash."), view);
            if (!push || !modals.TryGetValue(user, out var stack)) modals[user] = stack = [];
            stack.Add(opened);
            Signal();
            return opened;
        }
    }

    /// <summary>views.update: replaces the view with that id wherever it is open; null when none is (Slack: not_found).</summary>
    public PlaygroundView? UpdateModal(string viewId, string? hash, JsonObject view, out bool hashConflict)
    {
        lock (gate)
        {
            hashConflict = false;
            foreach (var stack in modals.Values)
            {
                var index = stack.FindIndex(v => v.ViewId == viewId);
                if (index < 0) continue;
                if (hash is { Length: > 0 } && hash != stack[index].Hash)
                {
                    hashConflict = true;
                    return null;
                }
                stack[index] = new PlaygroundView(viewId, NextId("hash."), view);
                Signal();
                return stack[index];
            }
            return null;
        }
    }

    /// <summary>What the page does after a submission: the top view closes (or every view, on <c>clear</c>).</summary>
    public void CloseModal(string user, bool all)
    {
        lock (gate)
        {
            if (!modals.TryGetValue(user, out var stack) || stack.Count == 0) return;
            if (all) stack.Clear();
            else stack.RemoveAt(stack.Count - 1);
            Signal();
        }
    }

    public void ReplaceTopModal(string user, JsonObject view)
    {
        lock (gate)
        {
            if (!modals.TryGetValue(user, out var stack) || stack.Count == 0) return;
            stack[^1] = new PlaygroundView(stack[^1].ViewId, NextId("hash."), view);
            Signal();
        }
    }

    public PlaygroundView PublishHome(string user, JsonObject view)
    {
        lock (gate)
        {
            var published = new PlaygroundView(homes.GetValueOrDefault(user)?.ViewId ?? NextId("V0HOME"), NextId("hash."), view);
            homes[user] = published;
            Signal();
            return published;
        }
    }

    /// <summary>Tells the page to look again (the seeding's state changed).</summary>
    public void Touch()
    {
        lock (gate) Signal();
    }

    public void Clear()
    {
        lock (gate)
        {
            conversations.Clear();
            modals.Clear();
            homes.Clear();
            Signal();
        }
    }

    private void Signal()
    {
        Interlocked.Increment(ref version);
        var done = changed;
        changed = NewSignal();
        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
