using System.Text;

namespace FeedbackBot.Core.Conversations;

/// <summary>Who a command is offered to in <c>help</c> (Hidden: only reached as the answer to a question); the handler still checks permissions itself.</summary>
public enum Audience { Everyone, ProductManagers, Hidden }

/// <summary>A typed command: <paramref name="Words"/> are matched at the start of the text, the rest is the handler's arguments.</summary>
public sealed record CommandRoute(string Words, string Usage, string Description, Audience Audience, Type Handler);

/// <summary>A card action: the verb carried by an <c>Action.Execute</c> (or a Slack button / modal callback).</summary>
public sealed record ActionRoute(string Verb, Type Handler);

/// <summary>Sends each turn to the one handler for its words or verb; everything else gets a pointer to <c>help</c>.</summary>
public sealed class TurnRouter(
    IServiceProvider services,
    IEnumerable<CommandRoute> commands,
    IEnumerable<ActionRoute> actions,
    IFlowStateStore flowState,
    TimeProvider time)
{
    /// <summary>How long a question waits for its answer before the next message is read as a new command.</summary>
    public static readonly TimeSpan QuestionLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Longer than any command or quick report needs; also below Teams' 40 KB message limit.</summary>
    public const int MaxTextLength = 8000;

    private readonly CommandRoute[] commands = commands.OrderByDescending(c => c.Words.Length).ToArray();
    private readonly Dictionary<string, ActionRoute> actions = actions.ToDictionary(a => a.Verb, StringComparer.Ordinal);

    public IReadOnlyList<CommandRoute> Commands => commands;

    public async Task<IReadOnlyList<Reply>> RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Action is { } action)
        {
            // A button is a clear new start: a question waiting for a typed answer is dropped.
            await flowState.ClearAsync(turn.Conversation, turn.User, cancellationToken);
            return actions.TryGetValue(action.Verb, out var route)
                ? await RunAsync(route.Handler, turn, "", cancellationToken)
                : [new Reply.Text("That button belongs to something I no longer know about. Type `help` to see what I can do.")];
        }

        var raw = turn.Text ?? "";
        if (raw.Length > MaxTextLength)
        {
            return [new Reply.Text($"That message is {raw.Length:N0} characters long; I read at most {MaxTextLength:N0}. Please shorten it, or type `help`.")];
        }

        var text = Normalize(raw);
        if (text.Length == 0)
        {
            return [new Reply.Text("Hi! I didn't catch any words there. Type `help` to see what I can do.")];
        }

        var pending = await flowState.GetAsync(turn.Conversation, turn.User, cancellationToken);
        if (pending is not null) await flowState.ClearAsync(turn.Conversation, turn.User, cancellationToken);
        var waiting = pending is not null && pending.ExpiresAt > time.GetUtcNow();
        if (waiting && IsCancel(text))
        {
            return [new Reply.Text("Cancelled: I dropped that question. Type `help` to see what I can do.")];
        }

        // A waiting question wins over command words: "Status codes are 500 on …" answers it, it does not run `status`.
        if (waiting && Match(pending!.ResumeCommand) is { } resumed)
        {
            // The command that asked runs again, the answer appended to its arguments.
            var resumedText = $"{pending.ResumeCommand} {text}";
            return await RunAsync(resumed.Handler, turn with { Text = resumedText }, resumedText[resumed.Words.Length..].Trim(), cancellationToken);
        }
        if (Match(text) is { } matched)
        {
            return await RunAsync(matched.Handler, turn with { Text = text }, text[matched.Words.Length..].Trim(), cancellationToken);
        }

        var first = text.Split(' ', 2)[0];
        return [new Reply.Text($"Sorry, I don't know \"{Shorten(first, 40)}\". Type `help` to see what I can do.")];
    }

    /// <summary>Collapses whitespace and drops control characters, so pasted or odd input routes like typed input.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (!char.IsControl(c) && c != '\uFEFF' && c != '\u200B')
            {
                if (pendingSpace) builder.Append(' ');
                pendingSpace = false;
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The one word that drops a waiting question (a button click drops it too: actions never read it).</summary>
    public const string CancelWord = "cancel";

    private static bool IsCancel(string text) => text.TrimEnd('.', '!').Equals(CancelWord, StringComparison.OrdinalIgnoreCase);

    private CommandRoute? Match(string text) => commands.FirstOrDefault(command => StartsWithWords(text, command.Words));

    private async Task<IReadOnlyList<Reply>> RunAsync(Type handler, Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var replies = await Resolve(handler).HandleAsync(turn, arguments, cancellationToken);
        var question = replies.OfType<Reply.Question>().LastOrDefault();
        if (question is null) return replies;

        await flowState.SaveAsync(turn.Conversation, turn.User, new PendingQuestion(question.ResumeCommand, time.GetUtcNow() + QuestionLifetime), cancellationToken);
        return replies.Select(reply => reply is Reply.Question q ? new Reply.Text(q.Message) : reply).ToList();
    }

    private static bool StartsWithWords(string text, string words) =>
        text.StartsWith(words, StringComparison.OrdinalIgnoreCase)
        && (text.Length == words.Length || text[words.Length] == ' ');

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private ITurnHandler Resolve(Type handler) =>
        services.GetService(handler) as ITurnHandler
        ?? throw new InvalidOperationException($"Handler {handler.Name} is not registered.");
}
