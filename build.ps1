<#
.SYNOPSIS
    Builds, tests and packages LoopbackTools. A thin wrapper over dotnet and Invoke-Pester.
.EXAMPLE
    ./build.ps1                 # build: assembles out/LoopbackTools
.EXAMPLE
    ./build.ps1 -Task Test      # Linux as root: the sealed run (scripts/test.sh); elsewhere xunit + Pester
.EXAMPLE
    ./build.ps1 -Task Package   # writes out/packages/LoopbackTools.<version>.nupkg
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/LoopbackTools'

function Invoke-Native([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Build' {
        Invoke-Native dotnet @('build', (Join-Path $root 'LoopbackTools.sln'), '-c', $Configuration)
    }
    'Test' {
        if ($IsLinux) {
            # The one test command of the README: installs components, builds, runs sealed.
            Invoke-Native bash @((Join-Path $root 'scripts/test.sh'))
        }
        else {
            Invoke-Native dotnet @('build', (Join-Path $root 'LoopbackTools.sln'), '-c', $Configuration)
            Invoke-Native dotnet @('test', (Join-Path $root 'tests/LoopbackTools.Tests/LoopbackTools.Tests.csproj'), '-c', $Configuration, '--no-build', '--logger', 'console;verbosity=normal')
            $resultPath = Join-Path $root 'out/test-results/pester.xml'
            $suite = @('-NoProfile', '-File', (Join-Path $root 'scripts/Invoke-PesterSuite.ps1'), '-ModulePath', $moduleDir, '-ResultPath', $resultPath)
            $self = (Get-Process -Id $PID).Path
            # PowerShell installed as a .NET tool runs as `dotnet pwsh.dll`: start the same PowerShell again that way.
            if ((Split-Path -Leaf $self) -match '^dotnet(\.exe)?$') { Invoke-Native $self (@((Join-Path $PSHOME 'pwsh.dll')) + $suite) }
            else { Invoke-Native $self $suite }
        }
    }
    'Package' {
        Invoke-Native dotnet @('build', (Join-Path $root 'LoopbackTools.sln'), '-c', $Configuration)
        $feed = Join-Path $root 'out/packages'
        New-Item -ItemType Directory -Force -Path $feed | Out-Null
        $repo = 'LoopbackToolsLocal'
        if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
            if (-not (Get-PSResourceRepository -Name $repo -ErrorAction SilentlyContinue)) {
                Register-PSResourceRepository -Name $repo -Uri $feed -Trusted
            }
            Publish-PSResource -Path $moduleDir -Repository $repo
        }
        else {
            if (-not (Get-PSRepository -Name $repo -ErrorAction SilentlyContinue)) {
                Register-PSRepository -Name $repo -SourceLocation $feed -PublishLocation $feed -InstallationPolicy Trusted
            }
            Publish-Module -Path $moduleDir -Repository $repo
        }
        Get-ChildItem $feed -Filter *.nupkg
    }
}
