using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Browser.Tests.Infrastructure;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The built app started as a systemd unit or a scheduler starts it: `dotnet /path/KeyAccountPipeline.Web.dll` from
/// another folder, outside Development. It must still find its own files: scripts and styles with their content, its
/// appsettings files, and the default SQLite database in data/ beside the app (README, Configuration).
/// </summary>
public sealed partial class AppFolderTests
{
    private const string AdminEmail = "folder.admin@corp.cn";
    private const string AdminPassword = "folder-admin-2026";

    [Fact]
    public async Task StartedFromAnotherFolderTheAppServesItsAssetsReadsItsSettingsAndKeepsItsDatabaseBesideItself()
    {
        var appFolder = AppContext.BaseDirectory;
        var database = Path.Combine(appFolder, "data", "pipeline.db");
        DeleteDataFolder(appFolder);
        var elsewhere = Directory.CreateTempSubdirectory("kap-cwd-");
        // An environment of its own, whose settings file exists only beside the app: read only if the app looks there.
        var environment = $"Folder{Guid.NewGuid():N}"[..14];
        var settings = Path.Combine(appFolder, $"appsettings.{environment}.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new { Admin = new { Email = AdminEmail, Password = AdminPassword } }));
        try
        {
            await using (var app = await AppProcess.StartAsync("folder", elsewhere.FullName, new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["DOTNET_ENVIRONMENT"] = environment,
                ["ASPNETCORE_CONTENTROOT"] = null,
                ["DOTNET_CONTENTROOT"] = null,
                ["Seed__Demo"] = "false",
            }))
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

                var script = await http.GetAsync("/_framework/blazor.web.js");
                Assert.Equal(HttpStatusCode.OK, script.StatusCode);
                Assert.Contains("Blazor", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

                var page = await http.GetStringAsync("/account/login");
                var styles = Stylesheet().Matches(page).Select(m => m.Groups[1].Value).ToList();
                Assert.Contains(styles, s => s.StartsWith("app.", StringComparison.Ordinal));
                Assert.Contains(styles, s => s.StartsWith("KeyAccountPipeline.Web.", StringComparison.Ordinal));
                Assert.Contains(styles, s => s.StartsWith("_content/MudBlazor/", StringComparison.Ordinal));
                foreach (var style in styles)
                {
                    var css = await http.GetAsync("/" + style);
                    Assert.Equal(HttpStatusCode.OK, css.StatusCode);
                    Assert.True((await css.Content.ReadAsByteArrayAsync()).Length > 100, $"{style} is empty");
                }

                // appsettings.{environment}.json was read: its admin can sign in.
                var token = await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
                Assert.Equal(HttpStatusCode.OK, token.StatusCode);
                // appsettings.json was read: it quiets EF Core's per-command log lines to warnings.
                Assert.DoesNotContain("Executed DbCommand", app.Output, StringComparison.Ordinal);

                Assert.True(File.Exists(database), $"No database at {database}:\n{app.Output}");
                Assert.Empty(elsewhere.EnumerateFileSystemInfos());
            }
        }
        finally
        {
            File.Delete(settings);
            DeleteDataFolder(appFolder);
            elsewhere.Delete(recursive: true);
        }
    }

    private static void DeleteDataFolder(string appFolder)
    {
        var data = Path.Combine(appFolder, "data");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();
}
