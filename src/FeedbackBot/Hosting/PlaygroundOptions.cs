using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>
/// <c>Playground</c>: the browser page at <c>/playground</c> that plays Teams and Slack against this bot. On in
/// Development unless turned off; anywhere else only when <c>Playground:Enabled</c> is true.
/// </summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>Empty: on in Development, off elsewhere. true / false: the operator decides.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Fill the playground's own tenant and workspace with sample reports, road map items and a survey at start-up.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>How many product manager identities are registered at start-up (Roles:ProductManagers is read once), so people added as PMs get one.</summary>
    public int ProductManagerSeats { get; set; } = 4;

    public bool IsOn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}

public sealed class PlaygroundOptionsValidation : IValidateOptions<PlaygroundOptions>
{
    public ValidateOptionsResult Validate(string? name, PlaygroundOptions options) =>
        options.ProductManagerSeats is < 1 or > 20
            ? ValidateOptionsResult.Fail($"Playground:ProductManagerSeats is {options.ProductManagerSeats}; give a number from 1 to 20 (default 4).")
            : ValidateOptionsResult.Success;
}
