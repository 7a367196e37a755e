using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>The go-to-market buttons: the cards that draw them and the handlers that take the click share these.</summary>
public static class GoToMarketVerbs
{
    /// <summary>The <c>gtm-template</c> card's Save.</summary>
    public const string SaveTemplate = "gtm.template.save";
    /// <summary>Opens the checklist form again (Slack: the button posted after typed words).</summary>
    public const string OpenTemplate = "gtm.template.open";
    /// <summary>The <c>release-plan-form</c> card's Start plan.</summary>
    public const string SavePlan = "gtm.plan.save";
    /// <summary>Opens the plan form again (Slack: the button posted after typed words).</summary>
    public const string OpenPlan = "gtm.plan.open";
    /// <summary>A step's Update button on the readiness card and in reminders: opens the step form.</summary>
    public const string Step = "gtm.step";
    /// <summary>The <c>gtm-step-form</c> card's Save: done with a link, skipped with a reason, or reassigned.</summary>
    public const string SaveStep = "gtm.step.save";
}

/// <summary>Go-to-market words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class GoToMarketRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("gtm template", "gtm template", "The go-to-market checklist every release plan starts from (edit it)", Audience.ProductManagers, typeof(GtmTemplateHandler)),
        new("release", "release <api> <version>", "Plan a release: checklist, owners, due dates, a readiness card, then Publish", Audience.ProductManagers, typeof(ReleasePlanHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(GoToMarketVerbs.SaveTemplate, typeof(GtmTemplateHandler)),
        new(GoToMarketVerbs.OpenTemplate, typeof(GtmTemplateHandler)),
        new(GoToMarketVerbs.SavePlan, typeof(ReleasePlanHandler)),
        new(GoToMarketVerbs.OpenPlan, typeof(ReleasePlanHandler)),
        new(GoToMarketVerbs.Step, typeof(PlanStepHandler)),
        new(GoToMarketVerbs.SaveStep, typeof(PlanStepHandler)),
    ];
}
