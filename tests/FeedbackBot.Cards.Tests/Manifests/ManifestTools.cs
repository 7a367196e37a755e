using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace FeedbackBot.Cards.Tests.Manifests;

/// <summary>Runs the repository's manifest scripts with node and reads what they produce.</summary>
internal static class ManifestTools
{
    public const string SampleAppId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    public const string SampleBaseUrl = "https://bot.example.com";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string InRepo(string relative) => Path.Combine(RepoRoot, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeedbackBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No FeedbackBot.sln above {AppContext.BaseDirectory}.");
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static NodeResult RunNode(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(InRepo(script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The developer's own MicrosoftAppId must not leak into a test that relies on the defaults.
        start.Environment.Remove("MicrosoftAppId");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 60 s.");
        }
        return new NodeResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Builds the Teams package with the sample app id and base URL into <paramref name="folder"/>.</summary>
    public static string PackageTeamsApp(string folder)
    {
        var zip = Path.Combine(folder, "FeedbackBot.zip");
        var result = RunNode("manifests/teams/package.mjs", ["--base-url", SampleBaseUrl, "--app-id", SampleAppId, "--out", zip]);
        Assert.True(result.ExitCode == 0, $"package.mjs failed: {result}");
        return zip;
    }

    public static Dictionary<string, byte[]> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            Assert.True(entry.Crc32 == Crc32(bytes), $"{entry.FullName}: the CRC in the zip does not match the content.");
            files.Add(entry.FullName, bytes);
        }
        return files;
    }

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(signature), "not a PNG file");
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        return (ReadBigEndian(png, 16), ReadBigEndian(png, 20));
    }

    private static int ReadBigEndian(byte[] bytes, int at) =>
        (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}

internal sealed record NodeResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}

/// <summary>A fresh folder under the system temp folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("feedbackbot-manifests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that already ran.
        }
    }
}
