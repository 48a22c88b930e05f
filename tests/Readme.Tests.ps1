# Pester 5: the README's "What it looks like" block is what PowerShell prints. scripts/render-readme.sh sets up its
# own world (network, mount and PID namespaces, dnsmasq, listeners, a dockerd with four containers) and renders
# every "PS> " line of the block with this module; the block must match, process ids and Docker's reset-or-empty
# reply aside. Needs root on Linux (namespaces, dockerd); regenerate with `bash scripts/render-readme.sh --write`.
BeforeAll {
    $script:canRender = $IsLinux -and ((& id -u) -eq '0') -and [bool](Get-Command dockerd -ErrorAction SilentlyContinue)
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Join-Path $PSScriptRoot '..'
    $script:Readme = Join-Path $script:Root 'README.md'
}

Describe 'README output' {
    It 'has a rendered block whose examples are the ones scripts/render-readme.sh runs' {
        $text = Get-Content -Raw $script:Readme
        $text | Should -Match '<!-- rendered by scripts/render-readme.sh: begin -->\s+```text\s+PS> '
        $text | Should -Match '<!-- rendered by scripts/render-readme.sh: end -->'
    }

    It 'shows what PowerShell prints for every example' -Tag 'Linux' {
        Assert-TestComponent -Available $script:canRender -Because 'rendering needs root and dockerd (namespaces, containers): run scripts/test.sh as root'
        # The PowerShell running this test renders the block too (a dotnet-tool pwsh runs as "dotnet pwsh.dll").
        $process = [Environment]::ProcessPath
        $pwsh = if ((Split-Path -Leaf $process) -like 'dotnet*') { "$process $([Environment]::GetCommandLineArgs()[0])" } else { $process }
        $env:LBT_PWSH = $pwsh
        try { $rendered = (& bash (Join-Path $script:Root 'scripts/render-readme.sh') 2>$null) -join "`n" }
        finally { Remove-Item Env:LBT_PWSH }
        $LASTEXITCODE | Should -Be 0
        $text = Get-Content -Raw $script:Readme
        $begin = '<!-- rendered by scripts/render-readme.sh: begin -->'
        $start = $text.IndexOf($begin) + $begin.Length
        $inReadme = $text.Substring($start, $text.IndexOf('<!-- rendered by scripts/render-readme.sh: end -->') - $start)
        ConvertTo-StableReadmeBlock $inReadme | Should -Be (ConvertTo-StableReadmeBlock $rendered) -Because 'README.md must show what scripts/render-readme.sh prints (run it with --write)'
    }
}
