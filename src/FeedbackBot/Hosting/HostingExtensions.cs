using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace FeedbackBot.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// appsettings.json lives at the repository root and is copied beside the binaries; read it from there, in the
    /// place ASP.NET Core gives it (so environment variables, user secrets and the command line still win over it).
    /// </summary>
    public static void UseAppSettingsBesideBinaries(this ConfigurationManager configuration)
    {
        IConfigurationBuilder builder = configuration;
        var sources = builder.Sources;
        var replacement = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        if (index >= 0) sources[index] = replacement;
        else sources.Insert(0, replacement);
    }
}
