# Pester 5 over the packaged module: Test-LocalhostResolution against a real dnsmasq on loopback
# (started here, with the records of design.md, when dnsmasq exists) and real listening sockets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LoopbackTools.TestSupport.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force

    function Get-FreePort {
        $probe = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    $script:dnsmasq = Get-Command dnsmasq -ErrorAction SilentlyContinue
    if (-not $script:dnsmasq -and (Test-Path /usr/sbin/dnsmasq)) { $script:dnsmasq = Get-Command /usr/sbin/dnsmasq }
    $script:dnsProcess = $null
    if ($script:dnsmasq) {
        $script:dnsPort = Get-FreePort
        $arguments = @(
            '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--bind-interfaces',
            '--listen-address=127.0.0.1', "--port=$script:dnsPort", '--pid-file=', '--log-facility=-',
            '--local=/localhost/', '--local=/test/', '--host-record=localhost,203.0.113.7,2001:db8::7', '--host-record=good.test,127.0.0.1,::1')
        # As root, dnsmasq would drop to nobody, whose group may be missing (docs/decisions.md 8).
        if ((& id -u) -eq '0') { $arguments += '--user=root' }
        $script:dnsProcess = Start-Process -FilePath $script:dnsmasq.Source -ArgumentList $arguments -PassThru -RedirectStandardError ([System.IO.Path]::GetTempFileName())
        $script:dnsServer = "127.0.0.1:$script:dnsPort"
        foreach ($attempt in 1..100) {
            $ready = Test-LocalhostResolution -Name good.test -Layer DnsServer -DnsServer $script:dnsServer -TimeoutSec 1
            if ($ready.Status -eq 'Pass') { break }
            Start-Sleep -Milliseconds 50
        }
    }
}
AfterAll {
    if ($script:dnsProcess -and -not $script:dnsProcess.HasExited) { $script:dnsProcess.Kill() }
    Remove-Module LoopbackTools -ErrorAction SilentlyContinue
}

# Linux only: dnsmasq (apt dnsmasq-base) is installed by the test command there.
Describe 'Test-LocalhostResolution -DnsServer' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available ([bool]$script:dnsmasq) -Because 'dnsmasq is not installed here'
    }

    It 'fails a server that answers localhost with a real address, citing RFC 6761' {
        $result = Test-LocalhostResolution -DnsServer $script:dnsServer -Layer DnsServer
        $result.PSObject.TypeNames[0] | Should -Be 'LoopbackTools.LocalhostResolutionResult'
        $result.Status | Should -Be 'Fail'
        $result.Server | Should -Be $script:dnsServer
        $result.Addresses | Should -Contain '203.0.113.7'
        $result.Finding | Should -Match 'RFC 6761 6.3'
    }

    It 'passes NXDOMAIN for a name under .localhost' {
        (Test-LocalhostResolution -Name foo.localhost -DnsServer $script:dnsServer -Layer DnsServer).Status | Should -Be 'Pass'
    }

    It 'answers the same over TCP' {
        (Test-LocalhostResolution -DnsServer $script:dnsServer -Layer DnsServer -Tcp).Addresses | Should -Contain '2001:db8::7'
    }

    It 'writes a single false with -Quiet' {
        Test-LocalhostResolution -DnsServer $script:dnsServer -Layer DnsServer -Quiet | Should -BeExactly $false
    }
}

Describe 'Test-LocalhostResolution errors' {
    It 'stops on a malformed DNS server with Dns.InvalidServer' {
        { Test-LocalhostResolution -DnsServer 'dns.example:53' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Dns.InvalidServer,*'
    }

    It 'writes Dns.InvalidName for a name that cannot be asked and goes on' {
        $results = Test-LocalhostResolution -Name 'a..b', 'localhost' -Layer HostsFile -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Dns.InvalidName*'
        @($results).Count | Should -Be 1
    }
}

Describe 'Test-LocalhostResolution -Port' {
    BeforeAll {
        $script:listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $script:listener.Start()
        $script:port = $script:listener.LocalEndpoint.Port
    }
    AfterAll { $script:listener.Stop() }

    It 'takes the port from the pipeline by property name' {
        $probes = [pscustomobject]@{ Port = $script:port } | Test-LocalhostResolution -Layer HostsFile |
            Where-Object { $_.PSObject.TypeNames[0] -eq 'LoopbackTools.LocalhostPortProbe' }
        ($probes | Where-Object Address -eq '127.0.0.1').Outcome | Should -Be 'Accepted'
        ($probes | Where-Object Address -eq '::1').Outcome | Should -Not -Be 'Accepted'
    }

    It 'takes a listener from Get-LoopbackListener and names it' {
        $probes = Get-LoopbackListener -Port $script:port | Test-LocalhostResolution -Layer HostsFile |
            Where-Object { $_.PSObject.TypeNames[0] -eq 'LoopbackTools.LocalhostPortProbe' }
        $v4 = $probes | Where-Object Address -eq '127.0.0.1' | Select-Object -First 1
        $v4.Outcome | Should -Be 'Accepted'
        $v4.Port | Should -Be $script:port
        $v4.ListenerAddress | Should -BeIn @('127.0.0.1', 'unknown')
    }
}
