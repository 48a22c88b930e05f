namespace LoopbackTools.Resolution.Sources;

/// <summary>Whose resolver order applies: Linux reads nsswitch.conf, macOS and Windows have a documented fixed order.</summary>
internal enum ResolverPlatform
{
    Linux,
    MacOS,
    Windows,
}
