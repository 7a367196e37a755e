using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Triage;

/// <summary>The triage card's buttons. Their values predate this class (cards/triage-card.json carries them), hence <c>feedback.</c>.</summary>
public static class TriageVerbs
{
    public const string Accept = "feedback.accept";
    public const string Decline = "feedback.decline";
    public const string Duplicate = "feedback.duplicate";
    public const string NeedsInfo = "feedback.needsInfo";
    public const string AssignMe = "feedback.assignMe";
    public const string Assign = "feedback.assign";
    /// <summary>After Accept: planned, in progress, fixed, released, won't fix; answered also closes an open question.</summary>
    public const string Progress = "feedback.progress";
    public const string Reopen = "feedback.reopen";

    /// <summary>Every triage decision, all taken by <see cref="TriageDecisionHandler"/>.</summary>
    public static readonly IReadOnlyList<string> Decisions = [Accept, Decline, Duplicate, NeedsInfo, AssignMe, Assign, Progress, Reopen];
}

/// <summary>Triage's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class TriageRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("triage here", "triage here <api|all>", "In a channel: post new reports of that API (or all) here for triage", Audience.ProductManagers, typeof(TriageHereHandler)),
        new("triage list", "triage list <api>", "The API's open reports, oldest first", Audience.ProductManagers, typeof(TriageListHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions = [.. TriageVerbs.Decisions.Select(verb => new ActionRoute(verb, typeof(TriageDecisionHandler)))];
}
