# Pester 5: fleet checks over PowerShell remoting (SSH), the way admins run the module across machines.
# The fleet (scripts/start-fleet.sh, started by scripts/run-pester.sh inside the seal) is three hosts, each a
# network namespace with its own listeners and hosts file, reached by real sshd at 127.0.0.2-4; fleet2 alone
# has an exposed service (0.0.0.0:8080). A fourth host, 127.0.0.5, does not have the module installed.
BeforeDiscovery {
    $script:strictProblems = {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "lbt-fleet-strict-$PID.hosts"
        Set-Content -LiteralPath $file -Value '127.0.0.1 localhost', '999.1.2.3 broken.fleet.test', '127.0.0.1 app.fleet.test'
        try {
            Get-HostsEntry -LiteralPath $file -Strict -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
            $problems.TargetObject
        } finally { Remove-Item -LiteralPath $file }
    }.ToString()
    $script:readCommands = @(
        @{ Name = 'Get-LoopbackListener'; Command = 'Get-LoopbackListener'; TypeName = 'LoopbackTools.LoopbackListener' }
        @{ Name = 'Get-LoopbackInterface'; Command = 'Get-LoopbackInterface'; TypeName = 'LoopbackTools.LoopbackInterface' }
        @{ Name = 'Get-HostsEntry'; Command = 'Get-HostsEntry'; TypeName = 'LoopbackTools.HostsEntry' }
        @{ Name = 'Test-LocalhostResolution'; Command = 'Test-LocalhostResolution -Layer HostsFile, OsResolver'; TypeName = 'LoopbackTools.LocalhostResolutionResult' }
        @{ Name = 'Test-LocalhostConnection'; Command = 'Test-LocalhostConnection -Port 3000'; TypeName = 'LoopbackTools.LocalhostConnectionStep' }
        @{ Name = 'Test-ContainerPort'; Command = 'Test-ContainerPort -All -Engine $env:LBT_ENGINE'; TypeName = 'LoopbackTools.ContainerPortResult' }
        @{ Name = 'Test-ContainerConnection'; Command = 'Test-ContainerConnection -Name lbt-fleet-web -Port 8080 -TargetName localhost -Engine $env:LBT_ENGINE'; TypeName = 'LoopbackTools.LocalhostConnectionStep' }
        @{ Name = 'Wait-LocalhostConnection'; Command = 'Wait-LocalhostConnection -Port 3000 -TimeoutSec 10'; TypeName = 'LoopbackTools.LocalhostConnectionWait' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:hasFleet = [bool]$env:LBT_FLEET
    $script:fleet = if ($script:hasFleet) { $env:LBT_FLEET -split ',' } else { @() }
    $script:sessions = @()
    if ($script:hasFleet) {
        $connection = Get-FleetConnection -HostName $script:fleet
        $script:sessions = New-PSSession @connection -ErrorAction Stop
        # Test-ContainerPort asks the seal's dockerd; its socket is a file every host namespace can open.
        if ($env:DOCKER_HOST) {
            docker run -d --pull=never --name lbt-fleet-web -p 127.0.0.1::8080 $env:LOOPBACKTOOLS_TEST_IMAGE busybox httpd -f -p 8080 -h /www | Out-Null
            Invoke-Command -Session $script:sessions { $env:LBT_ENGINE = $using:env:DOCKER_HOST }
        }
    }
}

AfterAll {
    if ($script:sessions) { Remove-PSSession $script:sessions }
    if ($env:DOCKER_HOST) { docker rm -f lbt-fleet-web 2>$null | Out-Null }
}

Describe 'Fleet checks over SSH remoting' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available $script:hasFleet -Because 'no test fleet: run inside the seal (scripts/test.sh as root), which starts sshd in three namespaces'
    }

    It 'runs <Name> on every host; results carry PSComputerName and keep their Deserialized type' -ForEach $script:readCommands {
        $rows = @(Invoke-Command -Session $script:sessions -ScriptBlock ([scriptblock]::Create($Command)) -ErrorAction Stop)
        $rows.Count | Should -BeGreaterThan 0
        ($rows.PSComputerName | Sort-Object -Unique) | Should -Be ($script:fleet | Sort-Object)
        $rows | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be "Deserialized.$TypeName" }
    }

    It 'reads each host''s own hosts file and own sockets' {
        $names = Invoke-Command -Session $script:sessions { Get-HostsEntry -HostName '*.fleet.test' }
        foreach ($row in $names) {
            $expected = @{ '127.0.0.2' = 'fleet1'; '127.0.0.3' = 'fleet2'; '127.0.0.4' = 'fleet3' }[$row.PSComputerName]
            $row.HostName | Should -Be "$expected.fleet.test"
        }
        @($names).Count | Should -Be 3
        $web = Invoke-Command -Session $script:sessions { Get-LoopbackListener -Port 3000 -Protocol Tcp }
        @($web).Count | Should -Be 3
        $web.Process | Sort-Object -Unique | Should -Be 'busybox'
    }

    It 'finds exactly the one host with an exposed service in a fleet audit' {
        $connection = Get-FleetConnection -HostName $script:fleet
        $exposed = @(Invoke-Command @connection { Get-LoopbackListener -Exposed })
        $expectedHost, $expectedPort = $env:LBT_FLEET_EXPOSED -split ':'
        $exposed.Count | Should -Be 1
        $exposed[0].PSComputerName | Should -Be $expectedHost
        $exposed[0].Port | Should -Be ([int]$expectedPort)
        $exposed[0].BindScope | Should -Be 'AllInterfaces'
    }

    It 'renders remote results with the module''s table view in the local session' {
        $rows = Invoke-Command -Session $script:sessions { Get-LoopbackListener -Port 3000 -Protocol Tcp }
        $text = $rows | Out-String -Width 120
        $header = ($text -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1).Trim()
        $columns = Get-ViewColumn -TypeName 'Deserialized.LoopbackTools.LoopbackListener'
        $header | Should -Match ('^' + (($columns | ForEach-Object { [regex]::Escape($_) }) -join '\s+'))
        foreach ($address in $script:fleet) { $text | Should -Match ([regex]::Escape($address)) }
        # At 80 columns too: PowerShell appends a PSComputerName column, and the view leaves it room.
        $narrow = ($rows | Out-String -Width 80) -split "`n"
        ($narrow | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        foreach ($address in $script:fleet) { ($narrow -match "\s$([regex]::Escape($address))\s*$").Count | Should -Be 1 }
        ($narrow -match 'PSComputerName').Count | Should -Be 1 -Because 'the header is whole, not split over two lines'
        $text | Should -Not -Match '(?m)^Process\s*:'   # a list view would print "Name : value" lines
    }

    It 'prints <Name> from every host whole at 80 columns, naming each host' -ForEach @(
        @{ Name = 'the checklist'; Command = 'Test-LocalhostConnection -Port 3000'; Table = $false }
        @{ Name = 'Wait-LocalhostConnection'; Command = 'Wait-LocalhostConnection -Port 3000 -HostName 127.0.0.1 -TimeoutSec 10'; Table = $false }
        @{ Name = 'the resolution view'; Command = 'Test-LocalhostResolution -Layer HostsFile, OsResolver, Port -Port 3000'; Table = $false }
        @{ Name = 'the resolution table (Format-Table)'; Command = 'Test-LocalhostResolution -Layer HostsFile, OsResolver, Port -Port 3000'; Table = $true }
        @{ Name = 'Get-HostsEntry'; Command = 'Get-HostsEntry'; Table = $false; Whole = 'IPAddress', 'HostName', 'Aliases' }
        @{ Name = 'Get-HostsEntry (Format-Table)'; Command = 'Get-HostsEntry'; Table = $true; Whole = 'IPAddress', 'HostName', 'Aliases' }
        # Get-HostsEntry -Strict's problems (the errors' target objects) for a hosts file with a malformed line,
        # written on the node through the session.
        @{ Name = 'Get-HostsEntry -Strict''s problems'; Command = $script:strictProblems; Table = $false; Whole = 'Reason', 'Line' }
        @{ Name = 'Get-HostsEntry -Strict''s problems (Format-Table)'; Command = $script:strictProblems; Table = $true; Whole = 'Reason', 'Line' }
    ) {
        $rows = @(Invoke-Command -Session $script:sessions -ScriptBlock ([scriptblock]::Create($Command)) -ErrorAction Stop)
        $text = if ($Table) { $rows | Format-Table | Out-String -Width 80 } else { $rows | Out-String -Width 80 }
        $lines = @($text -split "`r?`n" | ForEach-Object TrimEnd)
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty -Because 'no line may be wider than 80 columns'
        Assert-WordsPrinted -Text $text -Value ($rows | ForEach-Object { $_.PSObject.Properties['Finding'].Value })
        # Views without a finding: what a person reads (names and addresses, a problem's reason and line) is whole.
        Assert-WordsPrinted -Text $text -Value ($rows | ForEach-Object { $row = $_; $Whole | Where-Object { $_ } | ForEach-Object { $row.$_ } })
        foreach ($address in $script:fleet) { $text | Should -Match "(^|\s|\[)$([regex]::Escape($address))(\s|\]|$)" -Because "rows from $address say where they come from" }
        # A table header is whole words on one line (not PS/Co/mp/ut/er), and every cell of a row is whole.
        foreach ($i in @(0..($lines.Count - 1) | Where-Object { $lines[$_] -match '^-+( +-+)+$' })) {
            $lines[$i - 1] | Should -Match '^\w{2,}( +\w{2,})+$' -Because 'the table header is printed whole'
        }
        foreach ($row in $rows | Where-Object { $_.PSObject.Properties['RemoteAddress'] }) {
            $text | Should -Match "(?m)^$([regex]::Escape($row.HostName)) +$($row.Port) +$([regex]::Escape($row.RemoteAddress)) .* $([regex]::Escape($row.PSComputerName))$"
        }
    }

    It 'runs Test-LocalhostCertificate on a remote node against its own HTTPS server; the Deserialized view is whole at 80 columns' {
        # An openssl s_server in fleet1's own network namespace (the README's fixed certificate), started and stopped
        # through the session: nothing listens on 8443 anywhere else.
        $session = $script:sessions | Where-Object ComputerName -eq '127.0.0.2'
        $certificates = (Resolve-Path (Join-Path $PSScriptRoot 'LoopbackTools.Tests/Fixtures/tls/readme')).Path
        $rows = @(Invoke-Command -Session $session {
            $folder = Join-Path ([System.IO.Path]::GetTempPath()) "lbt-fleet-tls-$PID"
            New-Item -ItemType Directory -Force -Path $folder | Out-Null
            $server = Start-Process openssl -PassThru -RedirectStandardOutput "$folder/out.log" -RedirectStandardError "$folder/err.log" `
                -ArgumentList "s_server -accept 127.0.0.1:8443 -cert $using:certificates/localhost.pem -key $using:certificates/localhost-key.pem -www -quiet"
            try {
                foreach ($attempt in 1..100) {
                    try { [System.Net.Sockets.TcpClient]::new('127.0.0.1', 8443).Dispose(); break } catch { Start-Sleep -Milliseconds 50 }
                }
                Test-LocalhostCertificate 8443 -TimeoutSec 5
            } finally { $server.Kill(); $server.WaitForExit(5000) | Out-Null; Remove-Item -Recurse -Force $folder }
        } -ErrorAction Stop)
        $rows.Count | Should -BeGreaterOrEqual 5
        $rows | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be 'Deserialized.LoopbackTools.LocalhostCertificateResult'
            $_.PSComputerName | Should -Be '127.0.0.2'
            $_.IPAddresses | Should -Contain '127.0.0.1'
        }
        ($rows | Where-Object Client -eq Node).Status | Should -Be 'Fail' -Because 'the mkcert-style root is in no store of fleet1'
        foreach ($width in 80, 120) {
            $text = $rows | Out-String -Width $width
            ($text -split "`r?`n" | Where-Object { $_.TrimEnd().Length -gt $width }) | Should -BeNullOrEmpty
            # The computer is named in the group header (at 80 the PSComputerName column PowerShell adds has no room).
            $text | Should -Match '\[127\.0\.0\.2\] https://localhost:8443/ - mkcert\s+development'
            $text | Should -Not -Match '(?m)^Finding\s*:' -Because 'the table view renders it, not a list'
            # Whole: every character of every finding is printed in order, and every word that fits the 57-column
            # Finding column is on one line (a longer one, such as a pyenv certifi path, can only be wrapped).
            $words = $text -split '\s+'
            # (At 120 the PSComputerName column sits beside each row's first line: left out of the packed text.)
            $packed = ($text -replace '127\.0\.0\.2', '') -replace '\s', ''
            foreach ($row in $rows) {
                $packed.Contains(($row.Finding -replace '\s', '')) | Should -BeTrue -Because "$($row.Client)'s finding is printed whole at $width columns"
                foreach ($word in ($row.Finding -split '\s+' | Where-Object Length -le 57)) { $words | Should -Contain $word -Because "$($row.Client)'s finding keeps '$word' on one line at $width columns" }
            }
        }
    }

    It 'changes nothing on the host when an edit runs remotely under -WhatIf' {
        $hostsFile = '/etc/netns/fleet1/hosts'
        $before = [System.IO.File]::ReadAllBytes($hostsFile)
        $session = $script:sessions | Where-Object ComputerName -eq '127.0.0.2'
        $remote = Invoke-Command -Session $session {
            Add-HostsEntry -Address 127.0.0.1 -HostName added.fleet.test -WhatIf
            Remove-HostsEntry -HostName fleet1.fleet.test -WhatIf
            Get-HostsEntry -HostName '*.fleet.test'
        }
        $remote.HostName | Should -Be 'fleet1.fleet.test'
        [System.IO.File]::ReadAllBytes($hostsFile) | Should -Be $before
        Test-Path "$hostsFile.bak" | Should -BeFalse
    }

    It 'names the host where the module cannot be imported, and still answers for the others' {
        $connection = Get-FleetConnection -HostName ($script:fleet + $env:LBT_FLEET_BROKEN)
        $rows = Invoke-Command @connection { Import-Module LoopbackTools -ErrorAction Stop; Get-LoopbackInterface } -ErrorVariable failures -ErrorAction SilentlyContinue
        ($rows.PSComputerName | Sort-Object -Unique) | Should -Be ($script:fleet | Sort-Object)
        $failures.Count | Should -Be 1
        $failures[0].OriginInfo.PSComputerName | Should -Be $env:LBT_FLEET_BROKEN
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Modules_ModuleNotFound*'
        # PowerShell's concise error view omits the origin; the normal view prints it.
        $ErrorView = 'NormalView'
        ($failures[0] | Out-String -Width 120) | Should -Match ('PSComputerName\s*:\s*' + [regex]::Escape($env:LBT_FLEET_BROKEN))
    }
}

Describe 'The README''s fleet example' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available $script:hasFleet -Because 'no test fleet: run inside the seal (scripts/test.sh as root), which starts sshd in three namespaces'
    }

    It 'shows what PowerShell prints for it (scripts/Show-FleetExample.ps1)' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../README.md')
        $block = [regex]::Match($readme, '(?s)<!-- BEGIN fleet-example -->\s*```text\r?\n(.*?)\r?\n```\s*<!-- END fleet-example -->')
        $block.Success | Should -BeTrue -Because 'README.md holds the fleet example between its markers'
        $printed = & (Join-Path $PSScriptRoot '../scripts/Show-FleetExample.ps1')
        # Process ids differ from run to run; everything else must match byte for byte.
        $stable = { param($text) (($text -replace '\r', '') -replace ' +\d+(?= busybox)', ' PID').Trim() }
        (& $stable $printed) | Should -BeExactly (& $stable $block.Groups[1].Value)
    }
}
