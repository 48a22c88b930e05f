@{
    RootModule           = 'LoopbackTools.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b0f2a43-8d4e-4c61-9a57-3f1c2e6d7b90'
    Author               = 'LoopbackTools contributors'
    CompanyName          = 'LoopbackTools'
    Copyright            = '(c) LoopbackTools contributors. MIT License.'
    Description          = 'Answers "why can''t I reach localhost?": listening sockets and their owners, localhost resolution at every layer, the hosts file as typed entries, and container port checks, on Linux, macOS and Windows.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 loads netstandard2.0 assemblies without extra facades from .NET Framework 4.7.2 on.
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies   = @('LoopbackTools.Core.dll')
    FormatsToProcess     = @('LoopbackTools.Format.ps1xml')
    TypesToProcess       = @('LoopbackTools.Types.ps1xml')
    CmdletsToExport      = @(
        'Add-HostsEntry'
        'Get-HostsEntry'
        'Get-LoopbackInterface'
        'Get-LoopbackListener'
        'Remove-HostsEntry'
        'Set-HostsEntry'
        'Test-ContainerConnection'
        'Test-ContainerPort'
        'Test-LocalhostCertificate'
        'Test-LocalhostConnection'
        'Test-LocalhostResolution'
        'Wait-LocalhostConnection'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('localhost', 'loopback', 'network', 'hosts', 'dns', 'docker', 'diagnostics', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/loopbacktools/LoopbackTools'
            LicenseUri   = 'https://github.com/loopbacktools/LoopbackTools/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: Get-LoopbackListener, Get-LoopbackInterface, Get-HostsEntry, Add-/Set-/Remove-HostsEntry (atomic, lossless edits), Test-LocalhostResolution, Test-ContainerPort; table views, MAML help, stable ErrorIds.'
        }
    }
}
