namespace LoopbackTools.Tests.Components;

/// <summary>Bounded retries for servers that take a moment to come up (a container's httpd).</summary>
public static class Eventually
{
    public static async Task<string> Get(HttpClient http, Uri uri, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await http.GetStringAsync(uri);
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public static void True(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("not " + what + " within " + timeout);
            }

            Thread.Sleep(25);
        }
    }
}
