<#
.SYNOPSIS
    Hosts edits at blocklist scale, in pwsh over the packaged module (bench/run-all.sh section 10).
.DESCRIPTION
    Writes a 265,000-entry blocklist (the shape of bench/LoopbackTools.Benchmarks/Blocklist.cs) and times, end to end:
    piped Add/Set/Remove-HostsEntry records at each of -Counts (-Confirm:$false, then -WhatIf), Add-HostsEntry -HostName
    with -NameCount names in one call, and Get-HostsEntry of the whole file. Each timing starts from a fresh copy
    of the blocklist. One result line per measurement goes to -ResultPath ("what records ms us/record");
    -WhatIf prints a line per record to the host, so run it with stdout sent to /dev/null.
.EXAMPLE
    pwsh -NoProfile -File bench/hosts-scaling.ps1 -ModulePath out/LoopbackTools -ResultPath /tmp/r.txt > /dev/null
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # A string, so `pwsh -File ... -Counts 1000,10000` binds (as int[] it would read "1000,10000" as one number).
    [string] $Counts = '1000,10000,100000',
    [string] $Operations = 'Add,Set,Remove',
    [switch] $SkipWhatIf,
    [int] $NameCount = 100000,
    [int] $Entries = 265000
)
$ErrorActionPreference = 'Stop'
$countList = [int[]]($Counts -split ',')
$operationList = $Operations -split ','
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$work = Join-Path ([IO.Path]::GetTempPath()) "lbt-hosts-scaling-$PID"
New-Item -ItemType Directory -Path $work | Out-Null
$base = Join-Path $work 'blocklist'
$file = Join-Path $work 'hosts'

# The blocklist of bench/LoopbackTools.Benchmarks/Blocklist.cs, line for line.
$labels = 'ads', 'track', 'metrics', 'cdn-adserver', 'pixel', 'telemetry', 'stats', 'beacon', 'analytics', 'sync'
$suffixes = 'com', 'net', 'org', 'io', 'co.uk', 'example'
$blocked = [string[]]::new($Entries)
$text = [Text.StringBuilder]::new($Entries * 36)
[void]$text.Append("# Title: generated blocklist for benchmarks`n# Entries: $Entries`n`n")
[void]$text.Append("127.0.0.1 localhost`n127.0.0.1 localhost.localdomain`n127.0.0.1 local`n255.255.255.255 broadcasthost`n::1 localhost ip6-localhost ip6-loopback`nfe80::1%lo0 localhost`n0.0.0.0 0.0.0.0`n`n")
for ($i = 0; $i -lt $Entries; $i++) {
    if ($i % 5000 -eq 0) { [void]$text.Append("`n# Section $($i / 5000)`n") }
    $name = ''
    if ($i % 3 -eq 0) { $name = $labels[$i % 10] + '.' }
    $name += $labels[[math]::Floor($i / 7) % 10] + '-' + $i + '.site' + ($i % 4099) + '.' + $suffixes[$i % 6]
    $blocked[$i] = $name
    [void]$text.Append('0.0.0.0 ').Append($name).Append("`n")
}
[IO.File]::WriteAllText($base, $text.ToString())
$lines = [IO.File]::ReadAllLines($base).Count

function Get-Load { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' }

function Get-CpuMs { [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds }

function Save-Result([string] $What, [int] $Records, [double] $Ms, [double] $CpuMs) {
    $line = '{0,-34} {1,8} {2,10:F0} {3,10:F1} {4,10:F0}' -f $What, $Records, $Ms, ($Ms * 1000 / [math]::Max($Records, 1)), $CpuMs
    Add-Content -LiteralPath $ResultPath -Value $line
}

function Measure-Edit([string] $What, [int] $Records, [scriptblock] $Edit) {
    Copy-Item -LiteralPath $base -Destination $file -Force
    [GC]::Collect()
    $cpu = Get-CpuMs
    $ms = (Measure-Command { & $Edit }).TotalMilliseconds
    Save-Result $What $Records $ms ((Get-CpuMs) - $cpu)
}

Add-Content -LiteralPath $ResultPath -Value ("# {0}-line file ({1} entries); load {2}" -f $lines, $Entries, (Get-Load))
# ms is wall-clock time; cpu_ms the process's processor time over it (all threads), which a busy machine inflates less.
Add-Content -LiteralPath $ResultPath -Value ('{0,-34} {1,8} {2,10} {3,10} {4,10}' -f 'what', 'records', 'ms', 'us/record', 'cpu_ms')

foreach ($count in $countList) {
    # New names for Add; names already in the file (spread over it) for Set and Remove.
    $adds = foreach ($n in 1..$count) { [pscustomobject]@{ HostName = "ad$n.blocked.example"; IPAddress = '0.0.0.0' } }
    $step = [math]::Max(1, [math]::Floor($Entries / $count))
    $existing = foreach ($n in 0..($count - 1)) { [pscustomobject]@{ HostName = $blocked[($n * $step) % $Entries] } }
    foreach ($op in $operationList) {
        foreach ($mode in @('Confirm:$false', 'WhatIf')) {
            if ($mode -eq 'WhatIf' -and $SkipWhatIf) { continue }
            $whatIf = $mode -eq 'WhatIf'
            $edit = switch ($op) {
                'Add' { { $adds | Add-HostsEntry -LiteralPath $file -NoBackup -Confirm:$false -WhatIf:$whatIf } }
                'Set' { { $existing | Set-HostsEntry -Address 127.0.0.1 -LiteralPath $file -NoBackup -Confirm:$false -WhatIf:$whatIf } }
                'Remove' { { $existing | Remove-HostsEntry -LiteralPath $file -NoBackup -Confirm:$false -WhatIf:$whatIf } }
            }
            Measure-Edit "$op piped -$mode" $count $edit
        }
    }
}

if ($NameCount -gt 0) {
    $names = foreach ($n in 1..$NameCount) { "ad$n.blocked.example" }
    try {
        Measure-Edit 'Add -HostName (one call)' $NameCount { Add-HostsEntry -Address 0.0.0.0 -HostName $names -LiteralPath $file -NoBackup -Confirm:$false }
    }
    catch {
        Add-Content -LiteralPath $ResultPath -Value "Add -HostName (one call): refused: $($_.Exception.Message -replace '\s+', ' ')"
    }
}

Copy-Item -LiteralPath $base -Destination $file -Force
$null = Get-HostsEntry -LiteralPath $file  # warm: JIT and first-use costs are not the file's
$count = 0
$cpu = Get-CpuMs
$ms = (Measure-Command { $count = (Get-HostsEntry -LiteralPath $file).Count }).TotalMilliseconds
Save-Result "(Get-HostsEntry).Count = $count" $count $ms ((Get-CpuMs) - $cpu)
$cpu = Get-CpuMs
$ms = (Measure-Command { Get-HostsEntry -LiteralPath $file | ForEach-Object { } }).TotalMilliseconds
Save-Result 'Get-HostsEntry | ForEach-Object' $count $ms ((Get-CpuMs) - $cpu)
Add-Content -LiteralPath $ResultPath -Value ("# done; load {0}" -f (Get-Load))
Remove-Item -LiteralPath $work -Recurse -Force
