using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>The release plan's cards: the readiness card (channel, PM summary), the step form and an owner's reminder.</summary>
public sealed class ReleasePlanCards(CardTemplates cards, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    public JsonObject Readiness(ReleasePlan plan, string apiName, string note = "")
    {
        var today = Today;
        var published = plan.Published is { } p
            ? $"Published {Day(p.At)} by {p.By}: {p.Channels} channel(s), {p.PeopleTold} people told about shipped items."
              + (p.OpenRequired.Count > 0 ? $" Required steps open then: {string.Join(", ", p.OpenRequired)}." : "")
            : "";
        return cards.Expand("release-readiness", new
        {
            apiId = plan.ApiId, apiName, version = plan.Version, target = Day(plan.Target), note,
            done = plan.Steps.Count(s => !s.IsOpen), total = plan.Steps.Count, open = plan.Steps.Count(s => s.IsOpen),
            overdue = plan.Steps.Count(s => s.IsOverdue(today)), isPublished = plan.Published is not null, published,
            steps = plan.Steps.Select(s => new
            {
                id = s.Id, title = s.Title, required = s.Required, mark = Mark(s, today), state = State(s, today), open = s.IsOpen, overdue = s.IsOverdue(today),
            }),
        });
    }

    public JsonObject StepForm(ReleasePlan plan, PlanStep step, string apiName, IReadOnlyList<PlanPeople.Candidate> people, string error = "", JsonObject? typed = null) =>
        cards.Expand("gtm-step-form", new
        {
            apiId = plan.ApiId, apiName, version = plan.Version, id = step.Id, title = step.Title, state = State(step, Today),
            outcome = typed?["outcome"]?.ToString() ?? "done", link = typed?["link"]?.ToString() ?? "", reason = typed?["reason"]?.ToString() ?? "", error,
            people = people.Select(c => new { id = c.Id, name = c.Name }),
        });

    public JsonObject Reminder(ReleasePlan plan, PlanStep step, string apiName, bool overdue) =>
        cards.Expand("gtm-reminder", new
        {
            apiId = plan.ApiId, apiName, version = plan.Version, target = Day(plan.Target), stepId = step.Id, title = step.Title, due = Day(step.Due), overdue,
        });

    public static string State(PlanStep step, DateOnly today) => step.State switch
    {
        StepState.Done => $"Done by {step.ClosedBy}" + (step.Link.Length > 0 ? $": {step.Link}" : ""),
        StepState.Skipped => $"Skipped by {step.ClosedBy}: {step.Reason}",
        _ when step.IsOverdue(today) => $"{step.Owner.Label} · overdue since {Day(step.Due)}",
        _ => $"{step.Owner.Label} · due {Day(step.Due)}",
    };

    private static string Mark(PlanStep step, DateOnly today) => step.State switch
    {
        StepState.Done => "✅",
        StepState.Skipped => "➖",
        _ when step.IsOverdue(today) => "⚠️",
        _ => "⬜",
    };
}
