# Pester 5 over the packaged module: the PowerShell conventions of issue 17 — positional HostName, -Path with provider
# wildcards and -LiteralPath (PSPath, LP) as Import-PowerShellDataFile has them, PowerShell's wildcard rules
# (character classes, backtick), argument completers through TabExpansion2, and -Verbose records.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null

    $script:Folder = Join-Path $TestDrive 'conventions'
    New-Item -ItemType Directory -Path $script:Folder | Out-Null
    $script:First = Join-Path $script:Folder 'hosts1'
    $script:Second = Join-Path $script:Folder 'hosts2'
    $script:Bracketed = Join-Path $script:Folder 'hosts[1]'
    Set-Content -LiteralPath $script:First -Value "127.0.0.1 app1.test a1.test`n127.0.0.1 app2.test`n::1 other.test"
    Set-Content -LiteralPath $script:Second -Value '127.0.0.1 bpp.test'
    Set-Content -LiteralPath $script:Bracketed -Value '127.0.0.1 literal.test'

    function Get-VerboseMessage([scriptblock] $Command) {
        @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

Describe 'Hosts cmdlets take HostName first and paths as PowerShell does' {
    It 'binds the first positional argument of <_> to -HostName' -ForEach 'Get-HostsEntry', 'Set-HostsEntry', 'Remove-HostsEntry' {
        (Get-Command $_).Parameters['HostName'].ParameterSets.Values.Position | Sort-Object -Unique | Should -Be 0
    }

    It 'reads the host name given by position' {
        $rows = @(Get-HostsEntry app1.test -Path $script:First)
        $rows.HostName | Should -Be 'app1.test'
    }

    It 'binds a FileInfo from Get-Item through its PSPath' {
        $rows = @(Get-Item -LiteralPath $script:Second | Get-HostsEntry)
        $rows.HostName | Should -Be 'bpp.test'
        $rows.Path | Should -Be $script:Second
    }

    It 'expands -Path wildcards through the provider' {
        $rows = @(Get-HostsEntry -Path (Join-Path $script:Folder 'hosts?'))
        $rows.Path | Sort-Object -Unique | Should -Be @($script:First, $script:Second)
    }

    It 'takes -LiteralPath and its LP alias literally' {
        (Get-HostsEntry -LiteralPath $script:Bracketed).HostName | Should -Be 'literal.test'
        (Get-HostsEntry -LP $script:Bracketed).HostName | Should -Be 'literal.test'
    }

    It 'keeps -Path and -LiteralPath in separate parameter sets' {
        { Get-HostsEntry -Path $script:First -LiteralPath $script:First } | Should -Throw -ErrorId 'AmbiguousParameterSet,LoopbackTools.Commands.GetHostsEntryCommand'
        (Get-Command Remove-HostsEntry).Parameters['LiteralPath'].Aliases | Should -Be @('PSPath', 'LP')
    }

    It 'says Hosts.FileNotFound when a -Path pattern matches no file' {
        Get-HostsEntry -Path (Join-Path $script:Folder 'nothing*') -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.FileNotFound,*'
    }

    It 'edits every file a -Path pattern names, and the -LiteralPath one' {
        Copy-Item -LiteralPath $script:First -Destination (Join-Path $script:Folder 'edit1')
        Copy-Item -LiteralPath $script:First -Destination (Join-Path $script:Folder 'edit2')
        Remove-HostsEntry app2.test -Path (Join-Path $script:Folder 'edit?') -NoBackup -Confirm:$false
        foreach ($file in 'edit1', 'edit2') {
            Get-Content -LiteralPath (Join-Path $script:Folder $file) | Should -Not -Contain '127.0.0.1 app2.test'
        }
        Copy-Item -LiteralPath $script:First -Destination (Join-Path $script:Folder 'edit[3]')
        Set-HostsEntry app1.test -Address 127.0.0.9 -LiteralPath (Join-Path $script:Folder 'edit[3]') -NoBackup -Confirm:$false
        (Get-HostsEntry app1.test -LiteralPath (Join-Path $script:Folder 'edit[3]')).IPAddress | Should -Be '127.0.0.9'
    }

    It 'still edits the file a piped entry came from' {
        $copy = Join-Path $script:Folder 'piped'
        Copy-Item -LiteralPath $script:First -Destination $copy
        Get-HostsEntry other.test -Path $copy | Remove-HostsEntry -NoBackup -Confirm:$false
        Get-HostsEntry -Path $copy | ForEach-Object HostName | Should -Not -Contain 'other.test'
    }
}

Describe 'One wildcard engine with PowerShell''s rules' {
    It 'matches host-name character classes and ranges' {
        (Get-HostsEntry '[ab]pp*' -Path (Join-Path $script:Folder 'hosts?')).HostName | Sort-Object | Should -Be @('app1.test', 'app2.test', 'bpp.test')
        (Get-HostsEntry 'app[2-9].test' -Path $script:First).HostName | Should -Be 'app2.test'
    }

    It 'takes a backtick-escaped wildcard character literally' {
        Get-HostsEntry 'app`*' -Path $script:First | Should -BeNullOrEmpty
    }

    It 'matches process-name character classes in Get-LoopbackListener' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $name = (Get-Process -Id $PID).ProcessName
            $pattern = '[' + $name.Substring(0, 1) + ']' + $name.Substring(1)
            (Get-LoopbackListener -Port $port -ProcessName $pattern).ProcessId | Should -Be $PID
            Get-LoopbackListener -Port $port -ProcessName ('[0-9]' + $name.Substring(1)) | Should -BeNullOrEmpty
        }
        finally { $listener.Stop() }
    }

    It 'marks <_> as accepting wildcards' -ForEach @(
        @{ Command = 'Get-HostsEntry'; Parameter = 'HostName' }, @{ Command = 'Get-HostsEntry'; Parameter = 'Path' },
        @{ Command = 'Set-HostsEntry'; Parameter = 'HostName' }, @{ Command = 'Remove-HostsEntry'; Parameter = 'HostName' },
        @{ Command = 'Add-HostsEntry'; Parameter = 'Path' }, @{ Command = 'Get-LoopbackListener'; Parameter = 'ProcessName' },
        @{ Command = 'Test-LocalhostConnection'; Parameter = 'ProcessName' }) {
        $attributes = (Get-Command $Command).Parameters[$Parameter].Attributes
        @($attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
        (Get-Help $Command -Parameter $Parameter).globbing | Should -Be 'true'
    }
}

Describe 'Argument completers' {
    It 'completes -HostName from the hosts file at -Path' {
        $texts = (Get-Completion "Get-HostsEntry -Path '$($script:First)' -HostName ap").CompletionText
        $texts | Should -Be @('app1.test', 'app2.test')
        (Get-Completion "Remove-HostsEntry -LiteralPath '$($script:Bracketed)' -HostName l").CompletionText | Should -Be 'literal.test'
        (Get-Completion "Set-HostsEntry -Path '$($script:First)' -HostName a1").CompletionText | Should -Be 'a1.test'
    }

    It 'completes -ProcessName from the running processes' {
        $name = (Get-Process -Id $PID).ProcessName
        foreach ($command in 'Get-LoopbackListener', 'Test-LocalhostConnection 80') {
            (Get-Completion "$command -ProcessName $($name.Substring(0, 2))").CompletionText | Should -Contain $name
        }
    }

    It 'completes -Port with the ports listening now' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = [string]$listener.LocalEndpoint.Port
            foreach ($command in 'Get-LoopbackListener -Port', 'Test-LocalhostConnection -Port', 'Test-LocalhostResolution -Port') {
                $offered = Get-Completion "$command $($port.Substring(0, 3))"
                $offered.CompletionText | Should -Contain $port -Because $command
                ($offered | Where-Object CompletionText -eq $port).ToolTip | Should -Match '127\.0\.0\.1'
            }
        }
        finally { $listener.Stop() }
    }

    It 'completes Test-ContainerPort -Name from the engine' {
        Assert-TestComponent -Available (Test-ContainerEngine) -Because 'no Linux container engine on DOCKER_HOST'
        $name = Start-TestContainer -Prefix 'lbt-complete'
        try {
            (Get-Completion 'Test-ContainerPort -Name lbt-compl').CompletionText | Should -Contain $name
        }
        finally { docker rm -f $name 2>$null | Out-Null }
    }

    It 'completes -Name/-HostName of <_> with localhost and the names of the hosts file' -Tag 'Linux' -ForEach 'Wait-LocalhostConnection 3000 -HostName', 'Test-LocalhostConnection 3000 -Name', 'Test-LocalhostResolution -Name', 'Test-LocalhostCertificate 8443 -Name' {
        Assert-TestComponent -Available ($IsLinux -and (Get-Command unshare -ErrorAction SilentlyContinue) -and [bool]$env:LBT_SEALED) -Because 'the OS hosts file is replaced in a mount namespace: run inside the seal (scripts/test.sh as root)'
        $line = "$_ "
        $offered = Invoke-WithEtcFile -File @{ hosts = "127.0.0.1 myapp.test api.myapp.test`n::1 ip6-localhost`n" } -Command "(TabExpansion2 -inputScript '$line' -cursorColumn $($line.Length)).CompletionMatches.CompletionText"
        $offered | Should -Be @('api.myapp.test', 'ip6-localhost', 'localhost', 'myapp.test') -Because 'the names of /etc/hosts and localhost, not file names'
    }

    It 'completes the address parameter of <_> with 127.0.0.1, ::1 and the addresses of the hosts file at -Path' -ForEach 'Get-HostsEntry', 'Add-HostsEntry', 'Set-HostsEntry', 'Remove-HostsEntry' {
        $parameter = if ((Get-Command $_).Parameters['IPAddress']) { 'IPAddress' } else { 'Address' }
        $offered = Get-Completion "$_ -Path '$($script:Second)' -$parameter "
        $offered.CompletionText | Should -Be @('127.0.0.1', '::1')
        $withOther = Get-Completion "$_ -LiteralPath '$($script:First)' -$parameter "
        ($withOther | Where-Object CompletionText -eq '127.0.0.1').ToolTip | Should -Match 'app1\.test a1\.test app2\.test'
        Set-Content -LiteralPath "$($script:Folder)/docs" -Value "192.0.2.10 docs.test`n2001:db8::5 six.test"
        (Get-Completion "$_ -Path '$($script:Folder)/docs' -$parameter 2").CompletionText | Should -Be @('2001:db8::5')
        (Get-Completion "$_ -Path '$($script:Folder)/docs' -$parameter ").CompletionText | Should -Be @('127.0.0.1', '192.0.2.10', '2001:db8::5', '::1')
    }

    It 'completes Get-LoopbackListener -AddressFamily with InterNetwork and InterNetworkV6 only' {
        (Get-Completion 'Get-LoopbackListener -AddressFamily ').CompletionText | Should -Be @('InterNetwork', 'InterNetworkV6')
        (Get-Completion 'Get-LoopbackListener -AddressFamily InterNetworkV').CompletionText | Should -Be @('InterNetworkV6')
        (Get-Completion 'Get-LoopbackListener -AddressFamily A').CompletionText | Should -BeNullOrEmpty -Because 'AppleTalk and Atm are not accepted'
        { Get-LoopbackListener -AddressFamily AppleTalk } | Should -Throw -ErrorId 'ParameterArgumentValidationError,LoopbackTools.Commands.GetLoopbackListenerCommand'
    }

    It 'completes Test-ContainerPort -Port with the ports the container exposes and publishes' {
        Assert-TestComponent -Available (Test-ContainerEngine) -Because 'no Linux container engine on DOCKER_HOST'
        $published = Start-TestContainer -Prefix 'lbt-complete-port'
        $exposed = Start-TestContainer -Prefix 'lbt-complete-exposed' -Publish ''
        try {
            $offered = Get-Completion "Test-ContainerPort -Name $published -Port "
            $offered.CompletionText | Should -Be @('8080')
            $offered[0].ToolTip | Should -Match ([regex]::Escape($published) + ' 8080/tcp -> 127\.0\.0\.1:\d+')
            (Get-Completion "Test-ContainerPort -Name $exposed -Port 80")[0].ToolTip | Should -Match '8080/tcp \(not published\)'
        }
        finally { docker rm -f $published $exposed 2>$null | Out-Null }
    }

    It 'completes Test-ContainerPort -Port with the listening ports when the engine does not answer' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = [string]$listener.LocalEndpoint.Port
            $missing = Join-Path $TestDrive 'no-engine.sock'
            (Get-Completion "Test-ContainerPort -Engine unix://$missing -Name x -Port $($port.Substring(0, 3))").CompletionText | Should -Contain $port
        }
        finally { $listener.Stop() }
    }

    It 'offers no container names, quickly and without an error, when the engine does not answer' {
        $missing = Join-Path $TestDrive 'no-engine.sock'
        @(Get-Completion "Test-ContainerPort -Engine unix://$missing -Name x").Count | Should -Be 0
    }
}

Describe '-Verbose tells where the data came from' {
    It 'names the socket source, the count and the time of Get-LoopbackListener' {
        $messages = Get-VerboseMessage { Get-LoopbackListener -Verbose -WarningAction SilentlyContinue }
        $source = if ($IsLinux) { 'netlink|procfs' } elseif ($IsMacOS) { 'libproc' } else { 'iphlpapi' }
        $messages -join "`n" | Should -Match "Socket table read from ($source) in \d+ ms: \d+ listener"
    }

    It 'names the hosts file read and what it held' {
        $messages = Get-VerboseMessage { Get-HostsEntry -Path $script:First -Verbose }
        $messages -join "`n" | Should -Match ([regex]::Escape("Read $($script:First) in") + ' \d+ ms: 3 line\(s\), 3 entries, 0 problem')
    }

    It 'names the steps and the time of Test-LocalhostConnection' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $messages = Get-VerboseMessage { Test-LocalhostConnection $port 127.0.0.1 -Verbose }
            $messages -join "`n" | Should -Match ("127\.0\.0\.1:$port" + ': \d+ step\(s\) checked in \d+ ms')
        }
        finally { $listener.Stop() }
    }

    It 'names the DNS server and the transport asked' {
        $dnsmasq = Start-TestDnsmasq
        Assert-TestComponent -Available ($null -ne $dnsmasq) -Because 'dnsmasq is not installed'
        try {
            $udp = Get-VerboseMessage { Test-LocalhostResolution good.test -Layer DnsServer -DnsServer $dnsmasq.Server -Verbose }
            $udp -join "`n" | Should -Match ([regex]::Escape("DNS servers asked: $($dnsmasq.Server), over UDP"))
            $tcp = Get-VerboseMessage { Test-LocalhostResolution good.test -Layer DnsServer -DnsServer $dnsmasq.Server -Tcp -Verbose }
            $tcp -join "`n" | Should -Match 'over TCP'
        }
        finally { if ($dnsmasq) { Stop-TestProcess $dnsmasq.Process } }
    }

    It 'names the engine endpoint and its API version' {
        Assert-TestComponent -Available (Test-ContainerEngine) -Because 'no Linux container engine on DOCKER_HOST'
        $messages = Get-VerboseMessage { Test-ContainerPort -All -Verbose }
        $messages -join "`n" | Should -Match 'Container engine endpoint: \S+'
        $messages -join "`n" | Should -Match 'Engine: .+ \(API \d+\.\d+\); \d+ container\(s\) checked in \d+ ms'
    }
}
