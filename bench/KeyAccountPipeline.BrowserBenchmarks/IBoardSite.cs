namespace KeyAccountPipeline.BrowserBenchmarks;

/// <summary>A running app a benchmark opens the board of: in this process (<see cref="BoardApp"/>) or as a process of its own (<see cref="ScaleSite"/>).</summary>
internal interface IBoardSite
{
    string BaseUrl { get; }

    /// <summary>The browser's signed-in state (the sign-in cookie) every new context starts from; null while signing in.</summary>
    string? StorageState { get; set; }

    /// <summary>A plain HTTP client for the API, with a manager's bearer token.</summary>
    HttpClient ApiClient();
}
