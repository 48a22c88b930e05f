namespace LoopbackTools.Tests.Components;

/// <summary>The registry-free test image (ci-bb:1) both engines import, and the web server they run from it.</summary>
public static class BusyboxImage
{
    public const string Name = "ci-bb:1";

    /// <summary>Writes a tar of a folder holding /bin/busybox (from busybox-static) and /www/index.html; returns its path.</summary>
    public static string BuildTar(string root)
    {
        var image = Path.Combine(root, "image");
        Directory.CreateDirectory(Path.Combine(image, "bin"));
        Directory.CreateDirectory(Path.Combine(image, "www"));
        File.Copy(Component.Find("busybox")!, Path.Combine(image, "bin", "busybox"));
        File.WriteAllText(Path.Combine(image, "www", "index.html"), "hello from ci-bb\n");
        var tar = Path.Combine(root, "bb.tar");
        Run.Command("tar", "-C", image, "-cf", tar, ".").EnsureSuccess("tar");
        return tar;
    }

    /// <summary>Arguments after `run -d` for a busybox httpd serving "hello from ci-bb" on <paramref name="bindInside"/>:8080 inside.</summary>
    public static string[] WebServerArguments(string publish, string bindInside, string? name)
    {
        var args = new List<string>();
        if (name is not null)
        {
            args.AddRange(new[] { "--name", name });
        }

        args.AddRange(new[] { "-p", publish, Name, "busybox", "httpd", "-f", "-p", bindInside == "0.0.0.0" ? "8080" : bindInside + ":8080", "-h", "/www" });
        return args.ToArray();
    }
}
