using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Feedback;

/// <summary>"No, file a new report" on the similar-reports card.</summary>
public sealed class FileNewHandler(IDraftStore drafts, FeedbackDesk desk) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var draftId = turn.Action!.Get("draftId") ?? "";
        var draft = draftId.Length == 0 ? null : await drafts.GetAsync(turn.TenantKey, turn.User.Key, draftId, cancellationToken);
        if (draft is null) return [new Reply.Text("That report was already filed, or waited too long. Type `mine` to check, or `report` to start again.")];

        await drafts.DeleteAsync(turn.TenantKey, turn.User.Key, draftId, cancellationToken);
        return [ReportHandler.Answer(turn, await desk.FileAsync(turn, draft, cancellationToken), "Thanks, your report is in")];
    }
}
