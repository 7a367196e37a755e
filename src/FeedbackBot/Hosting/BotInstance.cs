using System.Security.Cryptography;

namespace FeedbackBot.Hosting;

/// <summary>
/// This process's identity among the bot's instances: its claims on shared work carry it, its telemetry is tagged with
/// it. Per process, not per machine: two instances on one host (or a restarted one) are different instances.
/// </summary>
public static class BotInstance
{
    public static readonly string Id = $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
