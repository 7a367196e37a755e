using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>The <c>Slack</c> section. Slack is off while both the token and the signing secret are empty.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The Bot User OAuth Token (<c>xoxb-…</c>) from the app's OAuth &amp; Permissions page.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The Signing Secret from the app's Basic Information page; every request from Slack is checked with it.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Where the Web API lives; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>The base URL with a trailing slash, so <c>chat.postMessage</c> resolves beside it and not above it.</summary>
    public Uri ApiBase => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}

public sealed class SlackOptionsValidation : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        var hasToken = !string.IsNullOrWhiteSpace(options.BotToken);
        var hasSecret = !string.IsNullOrWhiteSpace(options.SigningSecret);
        if (hasToken && !hasSecret)
            errors.Add("Slack:SigningSecret is empty but Slack:BotToken is set, so requests from Slack could not be verified. " +
                "Copy the Signing Secret from your Slack app's Basic Information page into Slack__SigningSecret, or clear Slack:BotToken to turn Slack off.");
        if (hasSecret && !hasToken)
            errors.Add("Slack:BotToken is empty but Slack:SigningSecret is set, so the bot could not answer. " +
                "Copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page into Slack__BotToken, or clear Slack:SigningSecret to turn Slack off.");
        if (hasToken && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            errors.Add("Slack:BotToken does not start with xoxb-. Use the Bot User OAuth Token from OAuth & Permissions (not a user token xoxp- or an app-level token xapp-).");
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add($"Slack:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL. Remove it to use https://slack.com/api/.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
