namespace LoopbackTools.ResolutionProbe;

/// <summary>
/// <c>http-get URL...</c>: one GET per URL through a default <see cref="HttpClient"/>, which takes its proxy from the
/// environment the test gave this process (HTTP_PROXY, NO_PROXY...); prints "URL STATUS" or "URL error: ..." a line.
/// A child process because .NET reads those variables once per process.
/// </summary>
internal static class HttpGetMode
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "http-get";

    public static async Task<int> RunAsync(string[] args)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var url in args.Skip(1))
        {
            try
            {
                using var response = await client.GetAsync(new Uri(url));
                Console.WriteLine($"{url} {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Console.WriteLine($"{url} error: {e.Message}");
            }
        }

        return 0;
    }
}
