using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Triage;

/// <summary><c>triage here &lt;api|all&gt;</c>: this channel becomes where new reports of those APIs are triaged.</summary>
public sealed class TriageHereHandler(ITriageChannelStore triageChannels, ApiResolver apis, ApiAccess access, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Kind == ConversationKind.Personal)
            return [new Reply.Text("Say this in the channel where your team triages: `@FeedbackBot triage here <api>` (or `all`). Personal chats can't be triage channels.")];
        if (arguments.Length == 0) return [new Reply.Text("Which API? `triage here <api>`, or `triage here all` for every API without its own channel.")];

        string apiId, name;
        if (arguments.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!access.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can route every API's reports to a channel.")];
            (apiId, name) = (TriageChannel.AllApis, "every API without its own triage channel");
        }
        else
        {
            var found = await apis.FindAsync(turn.TenantKey, arguments, cancellationToken);
            if (found.Entry is not { } api) return [found.Instead!];
            if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
                return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers can choose where its reports go.")];
            (apiId, name) = (api.Api.Id, api.Api.Name);
        }

        await triageChannels.SetAsync(new TriageChannel(turn.TenantKey, apiId, turn.Handle, turn.User.Key, time.GetUtcNow()), cancellationToken);
        return [new Reply.Text($"From now on, new reports on {name} are posted here for triage. Untriaged ones are also reminded here.")];
    }
}
