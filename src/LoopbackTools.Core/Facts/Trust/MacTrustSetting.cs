namespace LoopbackTools.Trust;

/// <summary>What one trust settings domain says of a certificate for TLS servers (kSecTrustSettingsResult, reduced).</summary>
internal enum MacTrustSetting
{
    /// <summary>kSecTrustSettingsResultTrustRoot (1) or TrustAsRoot (2), or an empty trustSettings array (trusted for everything).</summary>
    Trusted,

    /// <summary>kSecTrustSettingsResultDeny (3): explicitly distrusted.</summary>
    Deny,

    /// <summary>kSecTrustSettingsResultUnspecified (4), or constraints for other policies only: no anchor for TLS.</summary>
    Unspecified,
}
