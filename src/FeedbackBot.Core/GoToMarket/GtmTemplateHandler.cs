using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.GoToMarket;

/// <summary><c>gtm template</c>: the tenant's checklist as a form; its Save replaces the checklist for plans started after.</summary>
public sealed class GtmTemplateHandler(IGtmTemplateStore templates, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public const string Template = "gtm-template";

    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User))
            return [new Reply.Text("Only product managers can change the go-to-market checklist.")];
        var stored = await templates.GetAsync(turn.TenantKey, cancellationToken);
        if (turn.Action?.Verb != GoToMarketVerbs.SaveTemplate) return [Form(stored ?? GtmTemplate.Default, stored is null, null, null)];

        var typed = turn.Action.Get("steps") ?? "";
        var (template, error) = GtmTemplate.Parse(typed.Replace("\r", "", StringComparison.Ordinal));
        if (template is null)
        {
            var errors = new Dictionary<string, string> { ["steps"] = error! };
            return [new Reply.FieldErrors(Form(stored ?? GtmTemplate.Default, stored is null, typed, error), errors)];
        }
        await templates.SaveAsync(turn.TenantKey, template, turn.User.Key, cancellationToken);
        return [new Reply.UpdateCard(Card(template, false, null, null), "Go-to-market checklist saved"),
            new Reply.Text($"Saved: release plans started from now on have these {template.Steps.Count} steps. Plans already started keep theirs.")];
    }

    private Reply.Form Form(GtmTemplate template, bool isDefault, string? typed, string? error) =>
        new(Card(template, isDefault, typed, error), "Go-to-market checklist", GoToMarketVerbs.SaveTemplate, new CardAction(GoToMarketVerbs.OpenTemplate, []));

    private System.Text.Json.Nodes.JsonObject Card(GtmTemplate template, bool isDefault, string? typed, string? error) =>
        cards.Expand(Template, new
        {
            isDefault,
            steps = template.Steps.Select(s => new
            {
                title = s.Title, role = s.Role == StepRole.ApiOwner ? "API owner" : "Product manager", daysBefore = s.DaysBefore, required = s.Required,
            }),
            text = typed ?? template.Format(),
            errors = error is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["steps"] = error },
        });
}
