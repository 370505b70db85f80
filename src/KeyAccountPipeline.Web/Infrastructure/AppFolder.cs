namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The app finds its own files wherever it is started from (a systemd unit or a scheduler rarely sets the working
/// directory): the content root — appsettings.json, wwwroot, the default database folder <c>data/</c> — is the app's
/// folder unless a content root is set explicitly (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>,
/// <c>DOTNET_CONTENTROOT</c>). A relative content root is taken from the working directory, as a path on a command
/// line is; launchSettings.json sets <c>.</c>, so <c>dotnet run</c> (which starts the app in the project folder) keeps
/// the project folder, its appsettings.json and its <c>data/</c>.
/// Why: docs/decisions/0009-app-folder.md.
/// </summary>
internal static class AppFolder
{
    /// <summary>
    /// The builder's options: <paramref name="args"/>, and as content root the app's folder when none is set, or the
    /// full path of a relative one (ASP.NET Core would take it relative to the app's folder).
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var explicitRoot = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrWhiteSpace(explicitRoot) ? AppContext.BaseDirectory
                : Path.IsPathRooted(explicitRoot) ? null
                : Path.GetFullPath(explicitRoot),
        };
    }

    /// <summary>
    /// A build output (not a publish output) holds no wwwroot: its CSS and scripts are listed in the static web
    /// assets manifest beside the app and read from the project and package folders. ASP.NET Core reads that manifest
    /// only in Development; without it every asset answers 200 with an empty body. Read it in every environment when it
    /// is there; a publish output has no such manifest and serves its own wwwroot.
    /// </summary>
    public static WebApplicationBuilder UseBuildOutputAssets(this WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && File.Exists(manifest))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }
}
