using Cronos;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>Triage</c>: when untriaged reports are reminded in their triage channels.</summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>Cron (5 fields) of the reminder run, in <see cref="ReminderTimeZone"/>. Default: 09:00 Monday to Friday.</summary>
    public string ReminderCron { get; set; } = "0 9 * * 1-5";

    /// <summary>IANA or Windows time zone id of the cron and of "working days".</summary>
    public string ReminderTimeZone { get; set; } = "UTC";

    public double OverdueAfterWorkingDays { get; set; } = 2;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(ReminderTimeZone);
}

public sealed class TriageOptionsValidation : IValidateOptions<TriageOptions>
{
    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        var errors = new List<string>();
        try
        {
            CronExpression.Parse(options.ReminderCron);
        }
        catch (CronFormatException e)
        {
            errors.Add($"Triage:ReminderCron '{options.ReminderCron}' is not a cron expression ({e.Message}). Use five fields, e.g. \"0 9 * * 1-5\" for 09:00 on weekdays.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.ReminderTimeZone, out _))
            errors.Add($"Triage:ReminderTimeZone '{options.ReminderTimeZone}' is not a known time zone. Use an IANA id like Europe/Paris or America/New_York.");
        if (options.OverdueAfterWorkingDays is <= 0 or > 60)
            errors.Add($"Triage:OverdueAfterWorkingDays is {options.OverdueAfterWorkingDays}; give a number of working days between 0 and 60, e.g. 2.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
