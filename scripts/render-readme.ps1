# Runs every "PS> command" line of the README's rendered block and prints the block as PowerShell renders it, at
# 80 columns; with -Write, puts it into the README. Called by scripts/render-readme.sh, which sets up the world
# the examples expect (run that, not this).
param(
    [Parameter(Mandatory)] [string] $Readme,
    [switch] $Write,
    [int] $Width = 80
)
$ErrorActionPreference = 'Stop'
$module = if ($env:LOOPBACKTOOLS_MODULE) { $env:LOOPBACKTOOLS_MODULE } else { Join-Path $PSScriptRoot '../out/LoopbackTools' }
Import-Module $module

$begin = '<!-- rendered by scripts/render-readme.sh: begin -->'
$end = '<!-- rendered by scripts/render-readme.sh: end -->'
$text = [System.IO.File]::ReadAllText($Readme)
$start = $text.IndexOf($begin)
$stop = $text.IndexOf($end)
if ($start -lt 0 -or $stop -lt $start) { throw "$Readme has no '$begin' ... '$end' block" }
$block = $text.Substring($start + $begin.Length, $stop - $start - $begin.Length)
$commands = @($block -split "`n" | Where-Object { $_ -like 'PS> *' } | ForEach-Object { $_.Substring(4).TrimEnd() })
if ($commands.Count -eq 0) { throw "the rendered block of $Readme has no 'PS> ' lines" }

$rendered = [System.Text.StringBuilder]::new()
[void]$rendered.Append("`n``````text`n")
foreach ($command in $commands) {
    $output = (Invoke-Expression $command | Out-String -Width $Width) -split "`r?`n" | ForEach-Object { $_.TrimEnd() }
    $output = ($output -join "`n").Trim("`n")
    [void]$rendered.Append("PS> $command`n`n$output`n`n")
}
$body = $rendered.ToString().TrimEnd("`n") + "`n```````n"
[Console]::Out.Write($body)
if ($Write) {
    [System.IO.File]::WriteAllText($Readme, $text.Substring(0, $start + $begin.Length) + $body + $text.Substring($stop))
}
