# Pester 5 over the packaged module: Test-LocalhostResolution against a real dnsmasq on loopback
# (started here, with the records of design.md, when dnsmasq exists) and real listening sockets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:dns = Start-TestDnsmasq
    $script:dnsmasq = [bool]$script:dns
    if ($script:dns) { $script:dnsServer = $script:dns.Server }
}
AfterAll {
    if ($script:dns) { Stop-TestProcess $script:dns.Process }
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
        $probes = [pscustomobject]@{ Port = $script:port } | Test-LocalhostResolution -Layer HostsFile | Where-Object Layer -eq 'Port'
        ($probes | Where-Object FirstAddress -eq '127.0.0.1').Outcome | Should -Be 'Accepted'
        ($probes | Where-Object FirstAddress -eq '::1').Outcome | Should -Not -Be 'Accepted'
    }

    It 'takes a listener from Get-LoopbackListener and names it' {
        $probes = Get-LoopbackListener -Port $script:port | Test-LocalhostResolution -Layer HostsFile | Where-Object Layer -eq 'Port'
        $v4 = $probes | Where-Object FirstAddress -eq '127.0.0.1' | Select-Object -First 1
        $v4.Outcome | Should -Be 'Accepted'
        $v4.Port | Should -Be $script:port
        $v4.ListenerAddress | Should -BeIn @('127.0.0.1', 'unknown')
    }
}

Describe 'Test-LocalhostResolution -Port writes one type' {
    BeforeAll {
        $script:oneTypeListener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $script:oneTypeListener.Start()
    }
    AfterAll { $script:oneTypeListener.Stop() }

    It 'writes layer rows and port rows as LocalhostResolutionResult, the port rows last' {
        $rows = @(Test-LocalhostResolution -Layer HostsFile -Port $script:oneTypeListener.LocalEndpoint.Port)
        @($rows | ForEach-Object { $_.PSObject.TypeNames[0] } | Sort-Object -Unique) | Should -Be 'LoopbackTools.LocalhostResolutionResult'
        $rows[0].Layer | Should -Be 'HostsFile'
        @($rows | Select-Object -Skip 1 | ForEach-Object Layer | Sort-Object -Unique) | Should -Be 'Port'
        ($rows | Where-Object { $_.Layer -eq 'Port' -and $_.FirstAddress -eq '127.0.0.1' }).Server | Should -Be "127.0.0.1:$($script:oneTypeListener.LocalEndpoint.Port)"
        (Get-Command Test-LocalhostResolution).OutputType.Name | Should -Be @('LoopbackTools.LocalhostResolutionResult', 'System.Boolean')
    }
}
