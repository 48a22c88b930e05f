# Runs the Pester 5 suites in tests/ against the packaged module; exits non-zero on any failure.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop
$env:LOOPBACKTOOLS_MODULE = (Resolve-Path $ModulePath).Path
$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot '../tests'
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
Invoke-Pester -Configuration $config
