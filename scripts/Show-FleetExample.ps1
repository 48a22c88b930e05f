# Prints the README's "Fleet checks" block: the commands and what PowerShell prints for them, run against the
# test fleet of scripts/start-fleet.sh (inside the seal; scripts/run-pester.sh starts it). The fleet's SSH key and
# known_hosts file are given through $PSDefaultParameterValues, as an admin's ~/.ssh/config would give them, so the
# commands read as typed. tests/Fleet.Tests.ps1 fails when the README's block differs from this output.
param([int] $Width = 80)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers.psm1')
Import-LoopbackToolsModule | Out-Null
$connection = Get-FleetConnection -HostName 'unused'
$PSDefaultParameterValues['Invoke-Command:UserName'] = $connection.UserName
$PSDefaultParameterValues['Invoke-Command:KeyFilePath'] = $connection.KeyFilePath
$PSDefaultParameterValues['Invoke-Command:Options'] = $connection.Options

$examples = @(
    "`$fleet = '127.0.0.2', '127.0.0.3', '127.0.0.4'"
    'Invoke-Command -HostName $fleet { Get-LoopbackListener -Exposed }'
    'Invoke-Command -HostName $fleet { Get-LoopbackListener -Port 3000 } | Sort-Object PSComputerName'
)
$text = foreach ($example in $examples) {
    "PS> $example"
    $output = (Invoke-Expression $example | Out-String -Width $Width).Trim("`r", "`n").TrimEnd()
    if ($output) { ''; $output; '' }
}
$text -join "`n"
