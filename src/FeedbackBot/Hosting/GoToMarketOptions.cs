using Cronos;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>GoToMarket</c>: when release plan owners are reminded and the PM hears about readiness and reach.</summary>
public sealed class GoToMarketOptions
{
    public const string Section = "GoToMarket";

    /// <summary>Cron (5 fields, UTC) of the reminder pass. Default: 08:00 every day.</summary>
    public string ReminderCron { get; set; } = "0 8 * * *";

    /// <summary>A step is "due soon" this many days before its due date.</summary>
    public int DueSoonDays { get; set; } = 2;

    /// <summary>The PM's readiness summary goes this many days before the release date.</summary>
    public int SummaryDaysBefore { get; set; } = 3;

    /// <summary>The follow-up card goes this many days after Publish.</summary>
    public int FollowUpAfterDays { get; set; } = 14;
}

public sealed class GoToMarketOptionsValidation : IValidateOptions<GoToMarketOptions>
{
    public ValidateOptionsResult Validate(string? name, GoToMarketOptions options)
    {
        var errors = new List<string>();
        try
        {
            CronExpression.Parse(options.ReminderCron);
        }
        catch (CronFormatException e)
        {
            errors.Add($"GoToMarket:ReminderCron '{options.ReminderCron}' is not a cron expression ({e.Message}). Use five fields, e.g. \"0 8 * * *\" for 08:00 UTC daily.");
        }
        if (options.DueSoonDays is < 0 or > 30) errors.Add($"GoToMarket:DueSoonDays is {options.DueSoonDays}; give 0 to 30 days, e.g. 2.");
        if (options.SummaryDaysBefore is < 0 or > 60) errors.Add($"GoToMarket:SummaryDaysBefore is {options.SummaryDaysBefore}; give 0 to 60 days, e.g. 3.");
        if (options.FollowUpAfterDays is < 1 or > 120) errors.Add($"GoToMarket:FollowUpAfterDays is {options.FollowUpAfterDays}; give 1 to 120 days, e.g. 14.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
