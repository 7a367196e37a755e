using FeedbackBot.Core.Cards;
using FeedbackBot.Hosting;
using FeedbackBot.Jobs;

// The container's health check runs this binary as a tiny HTTP client, not as a second bot.
if (HealthProbe.Requested(args)) return await HealthProbe.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseAppSettingsBesideBinaries();

builder.AddForwardedHeaders();
builder.AddConversations();
builder.AddFeedback();
builder.AddSurveys();
builder.AddDigests();
builder.AddGoToMarket();
builder.AddUsage();
builder.AddTeams();
builder.AddSlack();
builder.AddJobs();
builder.AddPlayground();
builder.AddHealth();
builder.AddTelemetry();

var app = builder.Build();
app.UseConfiguredForwardedHeaders();

// Templates outside the supported subset fail here, at start-up, not as a broken card later.
app.Services.GetRequiredService<CardTemplates>();

app.MapTeams();
app.MapSlack();
app.MapPlayground();
app.MapSurveys();
app.MapUsage();
app.MapJobs();
app.MapHealth();
app.MapTelemetry();
app.ScheduleRecurringJobs();

await app.RunAsync();
return 0;

public partial class Program;
