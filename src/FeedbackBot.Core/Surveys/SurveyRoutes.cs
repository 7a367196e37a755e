using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>The surveys' buttons and the hidden command a typed answer resumes, shared by the cards and the handlers.</summary>
public static class SurveyVerbs
{
    public const string Answer = "survey.answer";
    public const string More = "survey.more";
    public const string Submit = "survey.submit";
    public const string Results = "survey.results";
    /// <summary>Opens the <c>survey new</c> form (Slack: the button posted after typed words).</summary>
    public const string Open = "survey.new";
    public const string Create = "survey.create";
    /// <summary>Starts answering one question at a time in the chat.</summary>
    public const string Chat = "survey.chat";
    /// <summary>The hidden command a typed answer resumes (<c>survey reply SV-101-1 q2 &lt;answer&gt;</c>).</summary>
    public const string Reply = "survey reply";

    /// <summary>The longest free-text answer (well under Table Storage's 32K characters for a whole response).</summary>
    public const int MaxFreeText = 2000;

    /// <summary>Where the one channel card of a run is recorded in the delivery log.</summary>
    public const string ChannelDestination = "channel";
}

/// <summary>The surveys' words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class SurveyRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("survey new", "survey new [<nps|csat|ces> <api> …]", "Create a survey (a form; custom questions too), or typed from a template: to this channel's members, this channel, or an API's consumers; now, `at` a date or on a `cron`", Audience.ProductManagers, typeof(SurveyNewHandler)),
        new("survey list", "survey list", "The surveys, their status and schedule", Audience.ProductManagers, typeof(SurveyListHandler)),
        new("survey pause", "survey pause <SV-101>", "Stop starting new runs of a survey", Audience.ProductManagers, typeof(SurveyStatusHandler)),
        new("survey resume", "survey resume <SV-101>", "Start a paused survey's runs again", Audience.ProductManagers, typeof(SurveyStatusHandler)),
        new("survey close", "survey close <SV-101>", "Close a survey: no new runs, no more answers", Audience.ProductManagers, typeof(SurveyStatusHandler)),
        new("survey results", "survey results <SV-101>", "Response count and rate, NPS or mean, distribution, trend and comments", Audience.ProductManagers, typeof(SurveyResultsHandler)),
        new("surveys off", "surveys off", "Stop receiving surveys (mandatory ones still come)", Audience.Everyone, typeof(SurveyOptOutHandler)),
        new("surveys on", "surveys on", "Receive surveys again", Audience.Everyone, typeof(SurveyOptOutHandler)),
        new(SurveyVerbs.Reply, "survey reply", "", Audience.Hidden, typeof(SurveyChatHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(SurveyVerbs.Answer, typeof(SurveyAnswerHandler)),
        new(SurveyVerbs.Submit, typeof(SurveyAnswerHandler)),
        new(SurveyVerbs.More, typeof(SurveyMoreHandler)),
        new(SurveyVerbs.Results, typeof(SurveyResultsHandler)),
        new(SurveyVerbs.Open, typeof(SurveyNewHandler)),
        new(SurveyVerbs.Create, typeof(SurveyNewHandler)),
        new(SurveyVerbs.Chat, typeof(SurveyChatHandler)),
    ];
}
