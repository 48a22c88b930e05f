# Pester 5 over the packaged module: Test-LocalhostConnection against real sockets; on Linux also a real nftables
# rule on lo (in the seal's network namespace, for one port only), openssl s_server, a child pwsh with its own
# /etc/hosts (unshare --mount) and the dockerd of DOCKER_HOST with LOOPBACKTOOLS_TEST_IMAGE (busybox, /www).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $modulePath = Import-LoopbackToolsModule
    $script:ModulePath = $modulePath
    $script:Steps = 'Listener', 'HostsFile', 'Resolution', 'Connect', 'Bind', 'Firewall', 'Container', 'Proxy'
    $script:IsRoot = $IsLinux -and ((& id -u) -eq '0')
    $script:Image = if ($env:LOOPBACKTOOLS_TEST_IMAGE) { $env:LOOPBACKTOOLS_TEST_IMAGE } else { 'ci-bb:1' }
    $script:Started = @()

    function Get-FreePort {
        $probe = [System.Net.Sockets.TcpListener]::new([ipaddress]::IPv6Any, 0)
        $probe.Server.DualMode = $true
        $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    function Start-Listener([ipaddress] $Address, [int] $Port = 0) {
        $listener = [System.Net.Sockets.TcpListener]::new($Address, $Port)
        if ($Address.Equals([ipaddress]::IPv6Any)) { $listener.Server.DualMode = $true }
        $listener.Start()
        $listener
    }

    # The finding column of a rendered table, lines joined: what a reader sees of the findings, in order.
    function Get-FindingColumn([string] $Text) {
        $lines = $Text -split "`r?`n"
        $header = [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '^Step\s+Status\s+Finding' } | Select-Object -First 1))
        $start = $lines[$header].IndexOf('Finding')
        ($lines | Select-Object -Skip ($header + 2) | Where-Object { $_.Length -gt $start } | ForEach-Object { $_.Substring($start).Trim() }) -join ' '
    }

    # Runs $Command in a child pwsh whose /etc/hosts is $HostsText (a private mount namespace): the real resolver reads it.
    function Invoke-WithHosts([string] $HostsText, [string] $Command) { Invoke-WithEtcFile @{ hosts = $HostsText } $Command }
}

AfterAll {
    if ($script:Started) { docker rm -f $script:Started | Out-Null }
    Remove-Module LoopbackTools -ErrorAction SilentlyContinue
}

Describe 'Test-LocalhostConnection on a healthy local port' {
    BeforeAll {
        $script:server = Start-Listener ([ipaddress]::IPv6Any)
        $script:port = $script:server.LocalEndpoint.Port
        $script:rows = @(Test-LocalhostConnection -Port $script:port)
    }
    AfterAll { $script:server.Stop() }

    It 'writes one LocalhostConnectionStep per step, in checklist order' {
        $script:rows.Step | Should -Be $script:Steps
        $script:rows | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'LoopbackTools.LocalhostConnectionStep' }
        $script:rows.Port | Sort-Object -Unique | Should -Be $script:port
    }

    It 'passes Listener, Connect and Firewall, naming this process and both families' {
        ($script:rows | Where-Object Step -eq Listener).Status | Should -Be 'Pass'
        ($script:rows | Where-Object Step -eq Listener).Finding | Should -BeLike "* (pid $PID) listens on TCP port $script:port*"
        ($script:rows | Where-Object Step -eq Connect).Status | Should -Be 'Pass'
        # A dual-stack :: socket accepts on both families, whatever localhost resolves to.
        ($script:rows | Where-Object Step -eq Connect).Evidence -match '^127\.0\.0\.1 \(.*\): Accepted$' | Should -HaveCount 1
        ($script:rows | Where-Object Step -eq Connect).Evidence -match '^::1 \(.*\): Accepted$' | Should -HaveCount 1
        ($script:rows | Where-Object Step -eq Firewall).Status | Should -Be 'Pass'
    } -Tag 'Linux'

    It 'warns in the Bind step that :: is reachable from the network' {
        $bind = $script:rows | Where-Object Step -eq Bind
        $bind.Status | Should -Be 'Warn'
        $bind.Finding | Should -BeLike 'bound to all interfaces (`[::`])*bind to 127.0.0.1 and ::1 if only local clients should connect'
    }

    It 'returns $true with -Quiet' {
        Test-LocalhostConnection -Port $script:port -Quiet | Should -BeTrue
    }

    It 'returns $false with -Quiet when -ProcessName names another program than the one holding the port' {
        Test-LocalhostConnection -Port $script:port -ProcessName nginx -Quiet | Should -BeFalse
        $listener = Test-LocalhostConnection -Port $script:port -ProcessName nginx | Where-Object Step -eq Listener
        $listener.Status | Should -Be Fail
        $listener.Finding | Should -BeLike "port $script:port is held by * (pid $PID), not by nginx: *"
    }

    It 'reads whole at 80 columns: no line longer, every word of every finding in order' {
        $text = $script:rows | Out-String -Width 80
        $text -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $expected = ($script:rows.Finding -join ' ') -replace '\s+', ' '
        (Get-FindingColumn $text) -replace '\s+', ' ' | Should -BeExactly $expected
        $text | Should -Match "Step\s+Status\s+Finding"
        foreach ($row in $script:rows) { $text | Should -Match ("(?m)^{0}\s+{1}\s" -f $row.Step, $row.Status) }
    }

    It 'keeps the view after Export-Clixml (the Deserialized twin)' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-conn-' + [guid]::NewGuid().ToString('N') + '.xml')
        $script:rows | Export-Clixml $file
        $back = Import-Clixml $file
        Remove-Item $file
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.LoopbackTools.LocalhostConnectionStep'
        $text = $back | Out-String -Width 80
        (Get-FindingColumn $text) -replace '\s+', ' ' | Should -BeExactly (($script:rows.Finding -join ' ') -replace '\s+', ' ')
    }
}

Describe 'Test-LocalhostConnection with proxy variables' {
    BeforeAll {
        $script:server = Start-Listener ([ipaddress]::Loopback)
        $script:port = $script:server.LocalEndpoint.Port
        $script:saved = @{}
        foreach ($name in 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY') {
            $script:saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }
    AfterAll {
        $script:server.Stop()
        foreach ($name in $script:saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:saved[$name]) }
    }
    AfterEach { foreach ($name in $script:saved.Keys) { [Environment]::SetEnvironmentVariable($name, $null) } }

    It 'passes without proxy variables' {
        $row = Test-LocalhostConnection -Port $script:port 127.0.0.1 | Where-Object Step -eq Proxy
        $row.Status | Should -Be 'Pass'
        $row.Finding | Should -Be "no proxy variable is set: HTTP clients connect to 127.0.0.1:$($script:port) directly"
    }

    It 'warns when HTTP_PROXY would take local requests, names the clients and the NO_PROXY that fixes it, readable at 80 columns' {
        $env:HTTP_PROXY = 'http://127.0.0.1:3128'
        $env:NO_PROXY = 'localhost'
        $rows = @(Test-LocalhostConnection -Port $script:port)
        $row = $rows | Where-Object Step -eq Proxy
        $row.Status | Should -Be 'Warn'
        $row.Finding | Should -Be 'HTTP_PROXY=http://127.0.0.1:3128 sends 127.0.0.1 and [::1] to the proxy from .NET and Python - set NO_PROXY=localhost,127.0.0.1,::1,[::1]'
        $row.Evidence | Should -Contain 'HTTP_PROXY=http://127.0.0.1:3128'
        $row.Evidence | Should -Contain ".NET http://localhost:$($script:port) -> direct (NO_PROXY entry localhost)"
        foreach ($width in 80, 120) {
            $text = $row | Out-String -Width $width
            ($text -split "`r?`n" | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty
            Get-FindingColumn $text | Should -Be $row.Finding
        }
    }

    It 'passes with the NO_PROXY it recommends' {
        $env:http_proxy = 'http://127.0.0.1:3128'
        $env:NO_PROXY = 'localhost,127.0.0.1,::1,[::1]'
        (Test-LocalhostConnection -Port $script:port | Where-Object Step -eq Proxy).Status | Should -Be 'Pass'
    }
}

Describe 'Test-LocalhostConnection input' {
    BeforeAll {
        $script:server = Start-Listener ([ipaddress]::Loopback)
        $script:port = $script:server.LocalEndpoint.Port
    }
    AfterAll { $script:server.Stop() }

    It 'takes -Port from a listener by property name' {
        $rows = @(Get-LoopbackListener -Port $script:port | Test-LocalhostConnection)
        $rows.Step | Should -Be $script:Steps
        $rows.Port | Sort-Object -Unique | Should -Be $script:port
    } -Tag 'Linux'

    It 'takes -Port from a container result''s HostPort by property name' {
        $rows = @([pscustomobject]@{ Container = 'web'; ContainerPort = 8080; HostPort = $script:port } | Test-LocalhostConnection)
        $rows.Port | Sort-Object -Unique | Should -Be $script:port
    }

    It 'writes Connection.InvalidPort for a port outside 1-65535 and goes on with the next piped port' {
        $rows = @([pscustomobject]@{ HostPort = 0 }, [pscustomobject]@{ HostPort = $script:port } | Test-LocalhostConnection -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Connection.InvalidPort,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].ErrorDetails.Message | Should -BeLike '*between 1 and 65535*'
        $rows.Port | Sort-Object -Unique | Should -Be $script:port
    }

    It 'writes Dns.InvalidName for a name that cannot be asked' {
        Test-LocalhostConnection -Port $script:port -Name 'two words' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Dns.InvalidName,*'
    }

    It 'returns $false with -Quiet when nothing listens, and names the step' {
        $free = Get-FreePort
        Test-LocalhostConnection -Port $free -Quiet | Should -BeFalse
        $listener = Test-LocalhostConnection -Port $free | Where-Object Step -eq Listener
        $listener.Status | Should -Be 'Fail'
        $listener.Finding | Should -BeLike "nothing listens on TCP port $free*- start the service, or use the port it listens on"
    }
}

Describe 'A piped stream of listeners gives one checklist per distinct TCP port (issue 31)' -Tag 'Linux' {
    It 'checks a port with TCP sockets on 127.0.0.1 and ::1 and a UDP socket once, with a verbose line for each skipped row' {
        $v4 = Start-Listener ([ipaddress]::Loopback)
        $port = $v4.LocalEndpoint.Port
        $v6 = $null; $udp = $null
        try {
            $v6 = Start-Listener ([ipaddress]::IPv6Loopback) $port
            $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, $port))
            $sockets = @(Get-LoopbackListener -Port $port)
            ($sockets | Where-Object Protocol -eq Tcp).Count | Should -Be 2
            ($sockets | Where-Object Protocol -eq Udp).Count | Should -Be 1
            $out = @($sockets | Sort-Object Protocol -Descending | Test-LocalhostConnection -Verbose 4>&1)
            $rows = @($out | Where-Object { $_ -is [LoopbackTools.LocalhostConnectionStep] })
            $rows.Step | Should -Be $script:Steps
            $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $verbose | Should -Contain "Port $port (UDP) skipped: the checklist tests TCP connections, and a UDP socket takes none."
            @($verbose | Where-Object { $_ -eq "Port $port skipped: already checked in this pipeline (one checklist per port, not per socket)." }).Count | Should -Be 1
            ($sockets | Test-LocalhostConnection -Quiet) | Should -BeOfType [bool]
        }
        finally { $v4.Stop(); if ($v6) { $v6.Stop() }; if ($udp) { $udp.Dispose() } }
    }

    It 'checks dnsmasq''s port once although it holds a TCP and a UDP socket' {
        $dns = Start-TestDnsmasq
        Assert-TestComponent -Available ($null -ne $dns) -Because 'dnsmasq is not installed here'
        try {
            $port = [int]($dns.Server -split ':')[-1]
            $sockets = @(Get-LoopbackListener -Port $port)
            @($sockets.Protocol | Sort-Object -Unique) | Should -Be @('Tcp', 'Udp')
            $rows = @($sockets | Test-LocalhostConnection)
            $rows.Step | Should -Be $script:Steps
            $text = $rows | Out-String -Width 80
            ([regex]::Matches($text, 'Target: ')).Count | Should -Be 1
        }
        finally { Stop-TestProcess $dns.Process }
    }
}

Describe 'IP literals as -Name (issue 31)' {
    BeforeAll {
        $script:v4Only = Start-Listener ([ipaddress]::Loopback)
        $script:v4Port = $script:v4Only.LocalEndpoint.Port
    }
    AfterAll { $script:v4Only.Stop() }

    It 'judges [::1] for that address: brackets stripped, no lookup, no first-address trap, [v6]:port everywhere' {
        $rows = @(Test-LocalhostConnection -Port $script:v4Port -Name '[::1]')
        $rows.Name | Sort-Object -Unique | Should -BeExactly '[::1]'
        ($rows | Where-Object Step -eq HostsFile).Status | Should -Be 'Skipped'
        ($rows | Where-Object Step -eq Resolution).Status | Should -Be 'Skipped'
        ($rows | Where-Object Step -eq Resolution).Finding | Should -BeLike '*address literal*without a lookup*'
        $connect = $rows | Where-Object Step -eq Connect
        $connect.Status | Should -Be 'Fail'
        $connect.Finding | Should -Not -BeLike '*first-address trap*'
        $connect.Finding | Should -BeLike "``[::1``]:$($script:v4Port) refuses, but 127.0.0.1 accepts*"
        $text = $rows | Out-String -Width 80
        $text | Should -Match ([regex]::Escape("Target: [::1]:$($script:v4Port)"))
        $text | Should -Not -Match "(?<!\[)::1:$($script:v4Port)"
    }

    It 'reads ::1 without brackets the same way, and passes a loopback literal that accepts' {
        (Test-LocalhostConnection -Port $script:v4Port -Name '::1').Name | Sort-Object -Unique | Should -BeExactly '[::1]'
        $connect = Test-LocalhostConnection -Port $script:v4Port -Name 127.0.0.1 | Where-Object Step -eq Connect
        $connect.Status | Should -Be 'Pass'
        $connect.Finding | Should -BeExactly "127.0.0.1:$($script:v4Port) accepts"
    }

    It 'never connects to a literal outside loopback: the Connect step says so, and no step talks about localhost' {
        $rows = @(Test-LocalhostConnection -Port $script:v4Port -Name 192.0.2.1)
        $connect = $rows | Where-Object Step -eq Connect
        $connect.Status | Should -Be 'Skipped'
        $connect.Finding | Should -BeLike "192.0.2.1 is not a loopback address: this checklist tests this machine's loopback*sends nothing to 192.0.2.1:$($script:v4Port)*"
        $connect.Evidence | Where-Object { $_ -like '192.0.2.1*' } | Should -BeNullOrEmpty
        $rows.Finding | Where-Object { $_ -like '*bound to loopback only*' -or $_ -like '*resolves to*' -or $_ -like '*clients of localhost*' } | Should -BeNullOrEmpty
        ($rows | Where-Object Step -eq Bind).Finding | Should -BeLike 'bound to 127.0.0.1, not to 192.0.2.1*'
    }

    It 'refuses an IPv6 zone with Dns.ZonedAddress and the reason, in all three cmdlets' {
        Test-LocalhostConnection -Port $script:v4Port -Name 'fe80::1%lo' -ErrorVariable e1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-LocalhostResolution -Name '[fe80::1%lo]' -ErrorVariable e2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e3 = $null
        try { Wait-LocalhostConnection -Port $script:v4Port -HostName 'fe80::1%lo' -TimeoutSec 1 -ErrorAction Stop } catch { $e3 = $_ }
        foreach ($e in $e1[0], $e2[0], $e3) {
            $e.FullyQualifiedErrorId | Should -BeLike 'Dns.ZonedAddress,*'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.Exception.Message | Should -BeLike '*zone index (%lo)*'
            $e.ErrorDetails.RecommendedAction | Should -BeLike '*::1 or 127.0.0.1*'
        }
    }

    It 'asks no DNS server and no hosts file for a literal: dnsmasq at 127.0.0.53:53, named by resolv.conf, logs no question' -Tag 'Linux' {
        Assert-TestComponent -Available ((& id -u) -eq '0') -Because 'a private mount namespace needs root: run scripts/test.sh as root'
        $dns = Start-TestDnsmasq -Address 127.0.0.53 -Port 53 -LogQueries
        Assert-TestComponent -Available ($null -ne $dns) -Because 'dnsmasq is not installed here'
        try {
            $before = @(Get-Content $dns.Log | Where-Object { $_ -match 'query\[' }).Count
            $before | Should -BeGreaterThan 0 # the log is real: the readiness questions are in it
            $rows = Invoke-WithEtcFile @{ 'resolv.conf' = "nameserver 127.0.0.53`n"; hosts = "127.0.0.1 localhost`n" } @"
@(Test-LocalhostConnection -Port $($script:v4Port) -Name '[::1]'
  Test-LocalhostConnection -Port $($script:v4Port) -Name 192.0.2.1
  Test-LocalhostResolution -Name '[::1]' -Port $($script:v4Port)
  Test-LocalhostResolution -Name '[::1]' -DnsServer $($dns.Server) -Layer DnsServer
  Wait-LocalhostConnection -Port $($script:v4Port) -HostName 127.0.0.1 -TimeoutSec 2)
"@
            $rows.Count | Should -BeGreaterThan 10
            $resolution = $rows | Where-Object { $_.PSObject.TypeNames -contains 'Deserialized.LoopbackTools.LocalhostResolutionResult' }
            # Imported enums may come back as numbers: read them through the enum type.
            $layer = { [string][LoopbackTools.ResolutionLayer]$_.Layer }
            $resolution | Where-Object { (& $layer) -eq 'DnsServer' } | Should -BeNullOrEmpty
            $resolution | Where-Object { (& $layer) -ne 'Port' -and [string][LoopbackTools.ResolutionStatus]$_.Status -eq 'Fail' } | Should -BeNullOrEmpty
            ($resolution | Where-Object { (& $layer) -eq 'OsResolver' }).Finding | Should -BeLike '*address literal*DNS servers are not asked*'
            $after = @(Get-Content $dns.Log | Where-Object { $_ -match 'query\[' })
            $after.Count | Should -Be $before -Because "no question may reach DNS for a literal: $($after -join '; ')"
        }
        finally { Stop-TestProcess $dns.Process }
    }
}

Describe 'Test-LocalhostConnection on Linux (sealed, real components)' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available ((& id -u) -eq '0') -Because 'namespaces and nftables need root: run scripts/test.sh as root'
    }

    It 'names the first-address trap: 127.0.0.1-only service, localhost resolving ::1 first' {
        $server = Start-Listener ([ipaddress]::Loopback)
        try {
            $port = $server.LocalEndpoint.Port
            $rows = Invoke-WithHosts "::1 localhost`n127.0.0.1 localhost`n" "Test-LocalhostConnection -Port $port"
            # A deserialized enum is its number (the view shows the name): cast back to compare.
            ($rows | Where-Object { [LoopbackTools.ConnectionStep]$_.Step -eq 'Resolution' }).Evidence | Should -Be @('1. ::1', '2. 127.0.0.1')
            $connect = $rows | Where-Object { [LoopbackTools.ConnectionStep]$_.Step -eq 'Connect' }
            [LoopbackTools.ConnectionStatus]$connect.Status | Should -Be 'Fail'
            $connect.Finding | Should -BeLike 'first-address trap: localhost resolves to ::1 first, which refuses, and only 127.0.0.1 accepts*bind the server to ::1 too, or connect to 127.0.0.1'
            $rows[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.LoopbackTools.LocalhostConnectionStep'
        }
        finally { $server.Stop() }
    }

    BeforeAll {
        # A real nftables table of its own with one rule on lo for one port, in the seal's network namespace.
        function Add-LoopbackRule([int] $Port, [string[]] $Verdict) {
            $table = 'lbtp' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            nft add table inet $table
            nft add chain inet $table input '{ type filter hook input priority 0; }'
            nft add rule inet $table input iifname lo tcp dport $Port @Verdict
            $table
        }
    }

    It 'names a real nftables drop rule on lo for the port' {
        $server = Start-Listener ([ipaddress]::Loopback)
        $port = $server.LocalEndpoint.Port
        $table = Add-LoopbackRule $port drop
        try {
            $rows = @(Test-LocalhostConnection -Port $port -TimeoutSec 1)
            $firewall = $rows | Where-Object Step -eq Firewall
            $firewall.Status | Should -Be 'Fail'
            $firewall.Finding | Should -BeLike "nftables rule 'iifname `"lo`" tcp dport $port drop' (table inet $table, chain input, handle *) drops port $port on loopback*"
            ($rows | Where-Object Step -eq Connect).Evidence -match '^127\.0\.0\.1 \(.*\): TimedOut$' | Should -HaveCount 1
            Test-LocalhostConnection -Port $port -TimeoutSec 1 -Quiet | Should -BeFalse
            $text = $rows | Out-String -Width 80
            $text -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
            (Get-FindingColumn $text) -replace '\s+', ' ' | Should -BeExactly (($rows.Finding -join ' ') -replace '\s+', ' ')
            if ($env:LBT_SHOW_OUTPUT) { Write-Host $text }
        }
        finally { nft delete table inet $table; $server.Stop() }
    }

    It 'names a real nftables reject rule on lo for the port' {
        $server = Start-Listener ([ipaddress]::Loopback)
        $port = $server.LocalEndpoint.Port
        $table = Add-LoopbackRule $port reject, with, tcp, reset
        try {
            $firewall = Test-LocalhostConnection -Port $port -TimeoutSec 1 | Where-Object Step -eq Firewall
            $firewall.Status | Should -Be 'Fail'
            $firewall.Finding | Should -BeLike "nftables rule 'iifname `"lo`" tcp dport $port reject with tcp reset' (table inet $table*rejects port $port on loopback*"
        }
        finally { nft delete table inet $table; $server.Stop() }
    }

    It 'names a TLS server with -Http and says to use https://' {
        $port = Get-FreePort
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-tls-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        & openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout "$folder/key.pem" -out "$folder/cert.pem" 2>$null
        $tls = Start-Process openssl -ArgumentList 's_server', '-quiet', '-accept', "127.0.0.1:$port", '-cert', "$folder/cert.pem", '-key', "$folder/key.pem" -PassThru -RedirectStandardOutput "$folder/out" -RedirectStandardError "$folder/err"
        try {
            foreach ($i in 1..100) { if (Get-LoopbackListener -Port $port) { break }; Start-Sleep -Milliseconds 50 }
            $http = Test-LocalhostConnection -Port $port -Http | Where-Object Step -eq Http
            $http.Status | Should -Be 'Fail'
            $http.Finding | Should -BeLike "*speaks TLS*use https://localhost:$port/"
        }
        finally { $tls.Kill(); Remove-Item -Recurse $folder }
    }

    Context 'with a container engine' {
        BeforeEach {
            Assert-TestComponent -Available ([bool]$env:DOCKER_HOST) -Because 'no container engine (DOCKER_HOST): run inside the seal'
        }

        BeforeAll {
            function Start-WebContainer([string] $BindInside, [int] $HostPort) {
                $name = Start-TestWebContainer -Image $script:Image -Prefix 'lbt-conn' -BindInside $BindInside -HostPort $HostPort
                $script:Started += $name
                $name
            }

            function Test-Until([int] $Port, [scriptblock] $Ready, [switch] $Http) {
                for ($i = 0; $i -lt 50; $i++) {
                    $rows = @(Test-LocalhostConnection -Port $Port -Http:$Http -TimeoutSec 1)
                    if (& $Ready $rows) { return $rows }
                    Start-Sleep -Milliseconds 200
                }
                $rows
            }
        }

        It 'fails the Container step for an app bound to the container''s own loopback behind a published port' {
            $port = Get-FreePort
            $name = Start-WebContainer -BindInside 127.0.0.1 -HostPort $port
            $rows = Test-Until $port { param($r) ($r | Where-Object Step -eq Container).Evidence -match 'app bound 127.0.0.1' }
            $container = $rows | Where-Object Step -eq Container
            $container.Status | Should -Be 'Fail'
            $container.Finding | Should -BeLike "container $name (*) publishes port $port from its port 8080: the app listens on 127.0.0.1:8080, the container's own loopback: bind it to 0.0.0.0*"
        }

        It 'passes the Container and Http steps for a healthy container with -Http' {
            $port = Get-FreePort
            $name = Start-WebContainer -HostPort $port
            $rows = Test-Until $port { param($r) ($r | Where-Object Step -eq Http).Status -eq 'Pass' } -Http
            ($rows | Where-Object Step -eq Container).Status | Should -Be 'Pass'
            ($rows | Where-Object Step -eq Container).Finding | Should -BeLike "container $name (*) publishes port ${port} from its port 8080: reachable at 127.0.0.1:$port"
            ($rows | Where-Object Step -eq Http).Finding | Should -BeLike '*answers HTTP/1.1 200 OK'
            ($rows | Where-Object Step -eq Listener).Finding | Should -BeLike 'docker-proxy (pid *) listens on port * for a container*'
        }
    }
}
