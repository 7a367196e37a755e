using FeedbackBot.Core.Cards;
using FeedbackBot.Hosting;
using FeedbackBot.Jobs;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseAppSettingsBesideBinaries();

builder.AddConversations();
builder.AddFeedback();
builder.AddSurveys();
builder.AddDigests();
builder.AddTeams();
builder.AddSlack();
builder.AddJobs();
builder.AddHealth();

var app = builder.Build();

// Templates outside the supported subset fail here, at start-up, not as a broken card later.
app.Services.GetRequiredService<CardTemplates>();

app.MapTeams();
app.MapSlack();
app.MapSurveys();
app.MapJobs();
app.MapHealth();
app.ScheduleRecurringJobs();

app.Run();

public partial class Program;
