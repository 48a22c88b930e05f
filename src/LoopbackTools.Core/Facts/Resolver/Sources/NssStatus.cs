namespace LoopbackTools.Resolution.Sources;

/// <summary>What one NSS module reports for a lookup (the statuses nsswitch.conf actions test).</summary>
internal enum NssStatus
{
    Success,
    NotFound,
    Unavail,
    TryAgain,
}
