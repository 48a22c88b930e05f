# Shared by the Pester files: which module to test, how to treat a missing component, how to reach the fleet.

function Get-ModuleUnderTest {
    <# The packaged module folder: $env:LOOPBACKTOOLS_MODULE (set by scripts/run-pester.sh), else out/LoopbackTools. #>
    if ($env:LOOPBACKTOOLS_MODULE) { $env:LOOPBACKTOOLS_MODULE } else { Join-Path $PSScriptRoot '../out/LoopbackTools' }
}

function Assert-TestComponent {
    <#
    Call in BeforeEach or It. When the component is missing the test fails under CI=true (a missing component must
    never pass unnoticed) and is skipped with the reason elsewhere (a developer's machine without root).
    #>
    param([Parameter(Mandatory)] [bool] $Available, [Parameter(Mandatory)] [string] $Because)
    if ($Available) { return }
    if ($env:CI -eq 'true') { throw "Required component unavailable: $Because" }
    Set-ItResult -Skipped -Because $Because
}

function Get-FleetConnection {
    <#
    Splat for Invoke-Command / New-PSSession over SSH to the test fleet (scripts/start-fleet.sh): the per-run client
    key and known_hosts file, key authentication only, never a prompt.
    #>
    param([Parameter(Mandatory)] [string[]] $HostName)
    @{
        HostName    = $HostName
        UserName    = 'root'
        KeyFilePath = $env:LBT_SSH_KEY
        Options     = @{ UserKnownHostsFile = $env:LBT_SSH_KNOWN_HOSTS; StrictHostKeyChecking = 'yes'; BatchMode = 'yes'; IdentitiesOnly = 'yes' }
    }
}

function Get-ViewColumn {
    <# The column headers of the table view the packaged format file defines for a type name, in order. #>
    param([Parameter(Mandatory)] [string] $TypeName)
    [xml] $format = Get-Content -Raw (Join-Path (Get-ModuleUnderTest) 'LoopbackTools.Format.ps1xml')
    $view = $format.Configuration.ViewDefinitions.View |
        Where-Object { $_.TableControl -and @($_.ViewSelectedBy.TypeName) -contains $TypeName } | Select-Object -First 1
    if (-not $view) { throw "no table view for $TypeName" }
    $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
    $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
    for ($i = 0; $i -lt $headers.Count; $i++) {
        if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName }
    }
}

function New-ModuleRunspace {
    <#
    A [powershell] in a fresh runspace with the module imported and $Script added, not yet started: for what a
    test cannot see from inside its own pipeline — progress records (.Streams.Progress) and Ctrl+C (.Stop()).
    #>
    param([Parameter(Mandatory)] [string] $Script)
    $shell = [powershell]::Create()
    $null = $shell.AddScript("Import-Module '$(Get-ModuleUnderTest)' -ErrorAction Stop").Invoke()
    $shell.Commands.Clear()
    $null = $shell.AddScript($Script)
    $shell
}

Export-ModuleMember -Function Get-ModuleUnderTest, Assert-TestComponent, Get-FleetConnection, Get-ViewColumn, New-ModuleRunspace
