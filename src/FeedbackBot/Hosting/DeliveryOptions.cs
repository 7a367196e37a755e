using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>
/// <c>Delivery</c>: how fast scheduled messages go out, per instance (several instances each send at this rate, so
/// divide by their number). Defaults follow the platforms: Teams allows 50 requests a second per app per tenant and 7
/// a second per conversation; Slack's chat.postMessage about 1 a second per channel and "several hundred a minute"
/// per workspace, so 5 a second (300 a minute) keeps clear of it.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    public double TeamsPerSecond { get; set; } = 50;

    public double TeamsPerConversationPerSecond { get; set; } = 7;

    public double SlackPerSecond { get; set; } = 5;

    public double SlackPerChannelPerSecond { get; set; } = 1;
}

public sealed class DeliveryOptionsValidation : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[]
        {
            ("TeamsPerSecond", options.TeamsPerSecond), ("TeamsPerConversationPerSecond", options.TeamsPerConversationPerSecond),
            ("SlackPerSecond", options.SlackPerSecond), ("SlackPerChannelPerSecond", options.SlackPerChannelPerSecond),
        })
        {
            if (value is < 0.1 or > 1_000_000 || double.IsNaN(value))
                errors.Add($"Delivery:{key} is {value}; give messages per second between 0.1 and 1000000 (see the platform's rate limits in the README).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
