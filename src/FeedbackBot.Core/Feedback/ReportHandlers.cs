using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Feedback;

/// <summary>
/// <c>report</c> (the form), <c>report &lt;api&gt;: &lt;words&gt;</c> (quick text), the form's Send, and the
/// message actions that start a report from any chat message (verb <c>feedback.open</c> with the message).
/// </summary>
public sealed class ReportHandler(ApiCatalog catalog, SimilarReports similarReports, IDraftStore drafts, FeedbackDesk desk, ReportCards cards, CardTemplates templates) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var apis = await catalog.ListAsync(turn.TenantKey, cancellationToken);
        if (apis.Count == 0) return [new Reply.Text("There are no APIs in the catalog yet, so there is nothing to report on.")];

        if (turn.Action?.Verb == FeedbackVerbs.Submit) return await SubmitAsync(turn, apis, cancellationToken);
        if (turn.Action?.Verb == FeedbackVerbs.Open) return [Form(apis, Prefill(turn.Action.Data))];

        if (QuickReport.Split(arguments) is not { } quick)
        {
            var preselected = arguments.Length == 0 ? null : await catalog.FindAsync(turn.TenantKey, arguments, cancellationToken);
            return [Form(apis, new JsonObject { ["api"] = preselected?.Api.Id ?? "" })];
        }

        var api = await catalog.FindAsync(turn.TenantKey, quick.Api, cancellationToken);
        if (api is null) return [new Reply.Text($"I don't know an API called \"{Short(quick.Api)}\". Known APIs: {string.Join(", ", apis.Select(e => e.Api.Id))}. Try `report <api>: <what happened>`.")];
        if (quick.Text.Length > ReportForm.MaxLengths["details"]) return [new Reply.Text($"That is {quick.Text.Length:N0} characters; a quick report holds at most {ReportForm.MaxLengths["details"]:N0}. Type `report` for the form.")];

        var title = quick.Text.Length <= ReportForm.MaxLengths["title"] ? quick.Text : quick.Text[..(ReportForm.MaxLengths["title"] - 1)] + "…";
        var draft = new ReportDraft(api.Api.Id, QuickReport.GuessKind(quick.Text) ?? FeedbackKind.Bug, title, quick.Text, BugImpact.None, "", "", "");
        if (QuickReport.GuessKind(quick.Text) is null)
        {
            var draftId = await drafts.SaveAsync(turn.TenantKey, turn.User.Key, draft, cancellationToken);
            return [new Reply.Question("Got it. Is this a bug, a feature request, a question or praise? (answer with one word)", $"{FeedbackCommands.ReportKind} {draftId}")];
        }
        return await OfferSimilarOrFileAsync(turn, draft, cancellationToken);
    }

    /// <summary>Before storing, offer open reports that look the same; the reporter may +1 one of them instead.</summary>
    public async Task<IReadOnlyList<Reply>> OfferSimilarOrFileAsync(Turn turn, ReportDraft draft, CancellationToken cancellationToken)
    {
        var similar = await similarReports.FindAsync(turn.TenantKey, draft.ApiId, draft.Title, draft.Details, except: null, cancellationToken);
        if (similar.Count == 0) return [Answer(turn, await desk.FileAsync(turn, draft, cancellationToken), "Thanks, your report is in")];

        var draftId = await drafts.SaveAsync(turn.TenantKey, turn.User.Key, draft, cancellationToken);
        var apiName = await desk.ApiNameAsync(turn.TenantKey, draft.ApiId, cancellationToken);
        return [Answer(turn, cards.Similar(draft, apiName, draftId, similar), "Is it one of these?")];
    }

    /// <summary>From typed words a new message; from a click or a form, the card that was clicked is replaced.</summary>
    public static Reply Answer(Turn turn, JsonObject card, string summary) =>
        turn.Source == TurnSource.Message ? new Reply.Card(card, summary) : new Reply.UpdateCard(card, summary);

    private async Task<IReadOnlyList<Reply>> SubmitAsync(Turn turn, IReadOnlyList<CatalogEntry> apis, CancellationToken cancellationToken)
    {
        var (draft, errors) = ReportForm.Read(turn.Action!.Data, apis);
        return draft is null
            ? [new Reply.FieldErrors(Form(apis, turn.Action.Data, errors), errors)]
            : await OfferSimilarOrFileAsync(turn, draft, cancellationToken);
    }

    private Reply.Form Form(IReadOnlyList<CatalogEntry> apis, JsonObject values, IReadOnlyDictionary<string, string>? errors = null) =>
        new(templates.Expand(ReportForm.Template, ReportForm.Data(apis, values, errors)), "Report feedback", FeedbackVerbs.Submit,
            new CardAction(FeedbackVerbs.Open, Prefill(values)));

    /// <summary>What a form may start with: a chosen API, and the text and link of the chat message it came from.</summary>
    private static JsonObject Prefill(JsonObject data)
    {
        var prefill = new JsonObject();
        foreach (var key in new[] { "api", "title", "details", "sourceLink" })
        {
            if (data[key] is JsonValue value) prefill[key] = value.ToString();
        }
        return prefill;
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}

/// <summary>The answer to "bug, feature request, question or praise?" after a quick report: <c>report kind &lt;draft&gt; &lt;answer&gt;</c>.</summary>
public sealed class ReportKindHandler(IDraftStore drafts, ReportHandler reporter) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var parts = arguments.Split(' ', 2);
        var draft = await drafts.GetAsync(turn.TenantKey, turn.User.Key, parts[0], cancellationToken);
        if (draft is null) return [new Reply.Text("I lost track of that report (it waited too long). Please send it again: `report <api>: <what happened>`.")];

        if (QuickReport.ParseKind(parts.Length > 1 ? parts[1] : "") is not { } kind)
            return [new Reply.Question("Sorry, which one: bug, feature request, question or praise?", $"{FeedbackCommands.ReportKind} {parts[0]}")];

        await drafts.DeleteAsync(turn.TenantKey, turn.User.Key, parts[0], cancellationToken);
        return await reporter.OfferSimilarOrFileAsync(turn, draft with { Kind = kind }, cancellationToken);
    }
}
