<#
.SYNOPSIS
    Imports the built module and prints the few lines a newcomer needs; scripts/try.sh starts it with -NoExit.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$module = Import-Module $ModulePath -PassThru

# The cmdlet names come from the module itself, wrapped at 80 columns, so the banner never goes stale.
$lines = [System.Collections.Generic.List[string]]::new()
$line = 'Cmdlets:'
foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
    if ($line.Length + 1 + $name.Length -gt 80) { $lines.Add($line); $line = '        ' }
    $line += " $name"
}
$lines.Add($line)

# Relative when it lies under the current folder (try.sh run from the clone: out/LoopbackTools), else as given.
$where = [System.IO.Path]::GetRelativePath($PWD.ProviderPath, $ModulePath)
if ($where.StartsWith('..') -or [System.IO.Path]::IsPathRooted($where)) { $where = $ModulePath }
Write-Host "LoopbackTools $($module.Version) from $where is imported (PowerShell $($PSVersionTable.PSVersion))."
$lines | ForEach-Object { Write-Host $_ }
Write-Host 'Start with:  Test-LocalhostConnection 3000   # why can''t I reach localhost:3000'
Write-Host 'Read more:   Get-Help about_LoopbackTools    # and Get-Help <cmdlet> -Examples'
Write-Host 'Leave with:  exit'
