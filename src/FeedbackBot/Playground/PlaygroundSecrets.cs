using System.Security.Cryptography;

namespace FeedbackBot.Playground;

/// <summary>
/// The playground workspace's Slack token and signing secret: made up in-process at every start, never configured,
/// never written anywhere, so nobody has a secret to set and none can leak.
/// </summary>
public sealed class PlaygroundSecrets
{
    public string SlackBotToken { get; } = "xoxb-playground-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public string SlackSigningSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
