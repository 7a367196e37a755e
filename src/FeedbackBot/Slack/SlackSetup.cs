namespace FeedbackBot.Slack;

public static class SlackSetup
{
    public static WebApplicationBuilder AddSlack(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapSlack(this WebApplication app) => app;
}
