# Runs the Pester 5 suites in tests/ against the packaged module; exits non-zero on any failure.
# Tests that only make sense on another platform carry the tag of that platform (Linux, MacOS, Windows)
# and are left out of this run, so they are neither run nor counted; nothing is skipped at run time.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # The Pester module folder (holds Pester.psd1); by default the newest Pester 5 on PSModulePath.
    [string] $PesterPath
)
$ErrorActionPreference = 'Stop'
if ($PesterPath) {
    Import-Module (Join-Path $PesterPath 'Pester.psd1') -ErrorAction Stop
}
else {
    Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop
}
$env:LOOPBACKTOOLS_MODULE = (Resolve-Path $ModulePath).Path
$platform = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'Windows' } elseif ($IsMacOS) { 'MacOS' } else { 'Linux' }
$config = New-PesterConfiguration
# LBT_PESTER_TESTS (comma-separated files) narrows a developer's run; CI runs everything.
$config.Run.Path = if ($env:LBT_PESTER_TESTS) { $env:LBT_PESTER_TESTS -split ',' } else { Join-Path $PSScriptRoot '../tests' }
$config.Run.Exit = $true
$config.Filter.ExcludeTag = @('Linux', 'MacOS', 'Windows') | Where-Object { $_ -ne $platform }
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
Write-Host "Pester $((Get-Module Pester).Version) on PowerShell $($PSVersionTable.PSVersion) ($platform; leaving out tags: $($config.Filter.ExcludeTag.Value -join ', '))"
Invoke-Pester -Configuration $config
