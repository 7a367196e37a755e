using FeedbackBot.Core.Cards;
using FeedbackBot.Hosting;
using FeedbackBot.Jobs;
using FeedbackBot.Slack;
using FeedbackBot.Storage;
using FeedbackBot.Surveys;
using FeedbackBot.Teams;

// The container's health check runs this binary as a tiny HTTP client, not as a second bot.
if (HealthProbe.Requested(args)) return await HealthProbe.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseAppSettingsBesideBinaries();

builder.AddForwardedHeaders();
builder.AddConversations();
builder.AddFeedback();
builder.AddSurveys();
builder.AddDigests();
builder.AddTeams();
builder.AddSlack();
builder.AddJobs();
builder.AddHealth();
builder.AddTelemetry();

var app = builder.Build();
app.UseConfiguredForwardedHeaders();

// Templates outside the supported subset fail here, at start-up, not as a broken card later.
app.Services.GetRequiredService<CardTemplates>();

app.MapTeams();
app.MapSlack();
app.MapJobs();
TriageReminderJob.Schedule(app.Services);
WeeklyDigestJob.Schedule(app.Services);
app.MapSurveys();
app.MapHealth();
app.MapTelemetry();

await app.RunAsync();
return 0;

public partial class Program;
