using FeedbackBot.Core.Cards;
using FeedbackBot.Hosting;
using FeedbackBot.Jobs;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseAppSettingsBesideBinaries();

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

var app = builder.Build();

// Templates outside the supported subset fail here, at start-up, not as a broken card later.
app.Services.GetRequiredService<CardTemplates>();

app.MapTeams();
app.MapSlack();
app.MapPlayground();
app.MapSurveys();
app.MapUsage();
app.MapJobs();
app.MapHealth();
app.ScheduleRecurringJobs();

app.Run();

public partial class Program;
