# Pester 5 over the packaged module: Test-ContainerConnection against the seal's real dockerd (scripts/run-pester.sh:
# DOCKER_HOST, image ci-bb:1). The world of this file, made in BeforeAll and removed in AfterAll:
#   - a user-defined network with a server container (httpd on 8080 for all, on 127.0.0.1:8081 only; alias "-database"),
#     a client with --add-host=host.docker.internal:host-gateway, one without it, one on the default bridge only;
#   - on the host (the seal): busybox httpd on 127.0.0.1 (the trap), on 0.0.0.0 (reachable), and on 0.0.0.0 behind an
#     nftables drop rule on the user network's bridge (the firewall case);
#   - an nftables counter of every packet the seal routes or sends to an address outside loopback and the engine's
#     bridges: the last test asserts it stayed at 0 (connections leave only to the addresses the engine reports).
# Every bridge exists only in the seal's private network namespace; nothing runs outside it (LBT_SEALED).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:Ready = [bool]$env:LBT_SEALED -and (Test-ContainerEngine) -and ((& id -u) -eq '0') -and [bool](Get-Command nft -ErrorAction SilentlyContinue)
    $script:Processes = @()
    $script:Names = @()
    if (-not $script:Ready) { return }

    $image = $env:LOOPBACKTOOLS_TEST_IMAGE
    $tag = [guid]::NewGuid().ToString('N').Substring(0, 6)
    $script:Network = "lbt-cc-$tag"
    $script:Server = "lbt-cc-db-$tag"
    $script:Alias = "lbt-cc-database-$tag"
    $script:Client = "lbt-cc-api-$tag"
    $script:NoAddHost = "lbt-cc-noadd-$tag"
    $script:Plain = "lbt-cc-plain-$tag"
    $script:Stopped = "lbt-cc-stopped-$tag"
    docker network create $script:Network | Out-Null
    $run = { param([string[]] $Arguments) docker run -d --pull=never @Arguments 2>$null | Out-Null; if ($LASTEXITCODE) { throw "docker run $Arguments failed" } }
    & $run @('--name', $script:Server, '--network', $script:Network, '--network-alias', $script:Alias, $image, 'busybox', 'sh', '-c', 'busybox httpd -p 8080 -h /www; exec busybox httpd -f -p 127.0.0.1:8081 -h /www')
    & $run @('--name', $script:Client, '--network', $script:Network, '--add-host=host.docker.internal:host-gateway', $image, 'busybox', 'sleep', '3600')
    & $run @('--name', $script:NoAddHost, '--network', $script:Network, $image, 'busybox', 'sleep', '3600')
    & $run @('--name', $script:Plain, $image, 'busybox', 'sleep', '3600')
    docker create --pull=never --name $script:Stopped $image busybox sleep 1 2>$null | Out-Null
    $script:Names = @($script:Server, $script:Client, $script:NoAddHost, $script:Plain, $script:Stopped)

    $www = Join-Path ([System.IO.Path]::GetTempPath()) "lbt-cc-www-$tag"
    New-Item -ItemType Directory -Path $www | Out-Null
    Set-Content -Path (Join-Path $www 'index.html') -Value 'hello from the host'
    $script:LoopbackPort = Get-FreePort
    $script:AllPort = Get-FreePort
    $script:DroppedPort = Get-FreePort
    $busybox = (Get-Command busybox).Source
    foreach ($listen in "127.0.0.1:$script:LoopbackPort", "0.0.0.0:$script:AllPort", "0.0.0.0:$script:DroppedPort") {
        $script:Processes += Start-Process -FilePath $busybox -ArgumentList 'httpd', '-f', '-p', $listen, '-h', $www -PassThru
    }

    # The bridge of the user network, and every subnet the engine reports: the only destinations allowed.
    $networkId = docker network inspect -f '{{.Id}}' $script:Network
    $script:Bridge = 'br-' + $networkId.Substring(0, 12)
    $subnets = @(docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' bridge $script:Network) -split ' ' | Where-Object { $_ -match '^\d+\.' }
    $allowed = (@('127.0.0.0/8') + $subnets) -join ', '
    $script:FirewallTable = "lbt_cc_fw_$tag"
    $script:CountTable = "lbt_cc_count_$tag"
    nft add table inet $script:FirewallTable
    nft add chain inet $script:FirewallTable input '{ type filter hook input priority 0; }'
    nft add rule inet $script:FirewallTable input iifname $script:Bridge tcp dport $script:DroppedPort drop
    nft add table inet $script:CountTable
    foreach ($hook in 'prerouting', 'output') {
        nft add chain inet $script:CountTable $hook "{ type filter hook $hook priority -300; }"
        nft add rule inet $script:CountTable $hook ip daddr "!=" "{ $allowed }" counter comment '"outside"'
        nft add rule inet $script:CountTable $hook ip6 daddr "!=" '{ ::1, fe80::/10, ff00::/8 }' counter comment '"outside"'
        nft add rule inet $script:CountTable $hook ip daddr "{ $($subnets -join ', ') }" counter comment '"bridges"'
    }

    # Each container's first process runs as soon as docker run returns; the server's httpd needs a moment to listen.
    foreach ($i in 1..100) {
        $ready = Test-ContainerConnection -Name $script:Client -Port 8080 -TargetName $script:Server -Quiet -TimeoutSec 1
        if ($ready) { break }
        Start-Sleep -Milliseconds 100
    }
    function Get-Step([object[]] $Rows, [string] $Step) { $Rows | Where-Object { "$($_.Step)" -eq $Step } }
}

AfterAll {
    $script:Processes | ForEach-Object { Stop-TestProcess $_ }
    if ($script:Names) { docker rm -f $script:Names 2>$null | Out-Null }
    if ($script:Network) { docker network rm $script:Network 2>$null | Out-Null }
    if ($script:FirewallTable) { nft delete table inet $script:FirewallTable 2>$null }
    if ($script:CountTable) { nft delete table inet $script:CountTable 2>$null }
}

Describe 'Test-ContainerConnection' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available $script:Ready -Because 'needs the seal (LBT_SEALED), root, nft and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
    }

    Context 'to a host service' {
        It 'fails a host service bound to 127.0.0.1 at HostBind, naming the process and the bridge address to bind' {
            $rows = Test-ContainerConnection -Name $script:Client -Port $script:LoopbackPort
            @($rows.Step) | Should -Be @('Localhost', 'Name', 'Network', 'HostBind', 'Connect', 'Firewall')
            $rows[0].PSObject.TypeNames[0] | Should -Be 'LoopbackTools.LocalhostConnectionStep'
            @($rows.Container | Sort-Object -Unique) | Should -Be @($script:Client)
            @($rows.Name | Sort-Object -Unique) | Should -Be @('host.docker.internal')
            (Get-Step $rows Localhost).Status | Should -Be 'Pass'
            (Get-Step $rows Localhost).Finding | Should -BeLike "*localhost there is the container itself - the app must connect to host.docker.internal:$($script:LoopbackPort)*"
            (Get-Step $rows Name).Finding | Should -BeLike 'host.docker.internal resolves inside * to * (from the hosts file)'
            (Get-Step $rows Network).Status | Should -Be 'Pass'
            $bind = Get-Step $rows HostBind
            $bind.Status | Should -Be 'Fail'
            $bind.Finding | Should -BeLike "busybox (pid *) listens only on 127.0.0.1:$($script:LoopbackPort), the host's loopback: a connection from $($script:Client) arrives at * through the bridge and is refused - bind it to * (the bridge address), or to 0.0.0.0*"
            (Get-Step $rows Connect).Status | Should -Be 'Fail'
            (Get-Step $rows Connect).Finding | Should -BeLike '*refuses)'
            (Get-Step $rows Firewall).Status | Should -Be 'Pass'
        }

        It 'passes the connection to a host service bound to all interfaces and warns about the exposure' {
            $rows = Test-ContainerConnection -Name $script:Client -Port $script:AllPort
            (Get-Step $rows Connect).Status | Should -Be 'Pass'
            (Get-Step $rows HostBind).Status | Should -Be 'Warn'
            (Get-Step $rows HostBind).Finding | Should -BeLike "busybox (pid *) on 0.0.0.0:$($script:AllPort) receives connections from $($script:Client) at *, and from the network too*"
            Test-ContainerConnection -Name $script:Client -Port $script:AllPort -Quiet | Should -BeTrue
        }

        It 'fails the Name step without --add-host, naming the fix, and still tries the gateway' {
            $rows = Test-ContainerConnection -Name $script:NoAddHost -Port $script:AllPort
            (Get-Step $rows Name).Status | Should -Be 'Fail'
            (Get-Step $rows Name).Finding | Should -BeLike '*start the container with --add-host=host.docker.internal:host-gateway (compose: extra_hosts: *'
            (Get-Step $rows Connect).Status | Should -Be 'Warn'
            (Get-Step $rows Connect).Finding | Should -BeLike "host.docker.internal does not resolve inside $($script:NoAddHost), but the gateway * accepts port $($script:AllPort)*"
            Test-ContainerConnection -Name $script:NoAddHost -Port $script:AllPort -Quiet | Should -BeFalse
        }

        It 'names the nftables rule on the bridge that drops the connection' {
            $rows = Test-ContainerConnection -Name $script:Client -Port $script:DroppedPort -TimeoutSec 1
            (Get-Step $rows Connect).Finding | Should -BeLike '*times out)'
            $firewall = Get-Step $rows Firewall
            $firewall.Status | Should -Be 'Fail'
            $firewall.Finding | Should -BeLike "nftables rule 'iifname ""$($script:Bridge)"" tcp dport $($script:DroppedPort) drop' (table inet $($script:FirewallTable), chain input, handle *) drops port $($script:DroppedPort)*delete it (nft delete rule inet $($script:FirewallTable) input handle *"
        }

        It 'binds Port from Get-LoopbackListener through the pipeline' {
            $rows = Get-LoopbackListener -Port $script:AllPort -Protocol Tcp | Test-ContainerConnection -Name $script:Client
            @($rows.Port | Sort-Object -Unique) | Should -Be @($script:AllPort)
            (Get-Step $rows Connect).Status | Should -Be 'Pass'
        }
    }

    Context 'to another container' {
        It 'resolves a container name through the embedded DNS and connects over the shared network' {
            $rows = Test-ContainerConnection -Name $script:Client -Port 8080 -TargetName $script:Server
            (Get-Step $rows Name).Finding | Should -BeLike "$($script:Server) resolves inside $($script:Client) to * (from DNS 127.0.0.11)"
            (Get-Step $rows Network).Finding | Should -BeLike "$($script:Client) and $($script:Server) share network $($script:Network), where $($script:Server) is *"
            (Get-Step $rows HostBind).Status | Should -Be 'Skipped'
            (Get-Step $rows Connect).Status | Should -Be 'Pass'
        }

        It 'finds the container behind a network alias' {
            $rows = Test-ContainerConnection -Name $script:Client -Port 8080 -TargetName $script:Alias
            (Get-Step $rows Network).Finding | Should -BeLike "* share network $($script:Network), where $($script:Server) is *"
            (Get-Step $rows Connect).Status | Should -Be 'Pass'
        }

        It 'fails from the default bridge: no name resolution, no shared network, and names docker network connect' {
            $rows = Test-ContainerConnection -Name $script:Plain -Port 8080 -TargetName $script:Server
            (Get-Step $rows Name).Status | Should -Be 'Fail'
            (Get-Step $rows Name).Finding | Should -BeLike "*only on the default bridge, where container names do not resolve - docker network connect $($script:Network) $($script:Plain)"
            (Get-Step $rows Network).Status | Should -Be 'Fail'
            (Get-Step $rows Network).Finding | Should -BeLike "$($script:Plain) (network bridge) and $($script:Server) (network $($script:Network)) share no network*"
            (Get-Step $rows Connect).Status | Should -Be 'Skipped'
            (Get-Step $rows Firewall).Status | Should -Be 'Skipped'
        }

        It 'says when the target container listens only on its own loopback' {
            $rows = Test-ContainerConnection -Name $script:Client -Port 8081 -TargetName $script:Server
            (Get-Step $rows Connect).Status | Should -Be 'Fail'
            (Get-Step $rows Connect).Finding | Should -BeLike "*$($script:Server) listens only on its own loopback (127.0.0.1:8081): bind the app to 0.0.0.0"
        }
    }

    Context 'to localhost' {
        It 'shows the trap: localhost inside a container is the container itself' {
            $rows = Test-ContainerConnection -Name $script:Client -Port $script:AllPort -TargetName localhost
            (Get-Step $rows Localhost).Status | Should -Be 'Fail'
            (Get-Step $rows Localhost).Finding | Should -BeLike "nothing listens on port $($script:AllPort) inside $($script:Client): there localhost is the container itself, not the host - connect to host.docker.internal:$($script:AllPort)*"
            (Get-Step $rows Connect).Status | Should -Be 'Fail'
        }

        It 'passes localhost where the container itself listens' {
            $rows = Test-ContainerConnection -Name $script:Server -Port 8081 -TargetName localhost
            (Get-Step $rows Localhost).Status | Should -Be 'Pass'
            (Get-Step $rows Connect).Status | Should -Be 'Pass'
        }
    }

    Context 'errors, verbose output and completion' {
        It 'writes <Id> for <Case>' -ForEach @(
            @{ Case = 'an unknown container'; Id = 'Docker.ContainerNotFound'; Arguments = @{ Name = 'lbt-cc-none'; Port = 80 } }
            @{ Case = 'a stopped container'; Id = 'ContainerConnection.NotRunning'; Arguments = @{ Stopped = $true; Port = 80 } }
            @{ Case = 'port 0'; Id = 'Connection.InvalidPort'; Arguments = @{ Port = 0 } }
            @{ Case = 'no engine'; Id = 'Docker.EngineUnreachable'; Arguments = @{ Port = 80; Engine = 'unix:///nonexistent/docker.sock' } }
        ) {
            $splat = @{ Name = $script:Client }
            foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
            if ($splat.ContainsKey('Stopped')) { $splat.Remove('Stopped'); $splat.Name = $script:Stopped }
            $rows = Test-ContainerConnection @splat -ErrorVariable problems -ErrorAction SilentlyContinue
            $rows | Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $problems[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }

        It 'returns false with -Quiet for an error' {
            Test-ContainerConnection -Name $script:Stopped -Port 80 -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
        }

        It 'names the engine, the pid and namespace, and what was asked, with -Verbose' {
            $verbose = Test-ContainerConnection -Name $script:Client -Port $script:AllPort -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $text = $verbose.Message -join "`n"
            $text | Should -Match 'Engine: Docker \S+ at unix://'
            $text | Should -Match "Container $([regex]::Escape($script:Client)) \([0-9a-f]{12}\): pid \d+, network namespace /proc/\d+/ns/net"
            $text | Should -Match 'Asked inside .*/etc/hosts line \d+: \S+ host\.docker\.internal'
        }

        It 'completes -Name with running containers and -TargetName with containers, the host name and localhost' {
            $line = "Test-ContainerConnection -Name $($script:Client.Substring(0, 10))"
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Contain $script:Client
            $names | Should -Not -Contain $script:Stopped
            $line = "Test-ContainerConnection -Name x -TargetName "
            $targets = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $targets | Should -Contain $script:Server
            $targets | Should -Contain 'host.docker.internal'
            $targets | Should -Contain 'localhost'
        }
    }

    Context 'network safety' {
        It 'sent no packet beyond loopback and the engine''s bridges, while the counter saw the bridge traffic' {
            $rules = (nft -j list table inet $script:CountTable | ConvertFrom-Json).nftables.rule
            $count = { param($Comment) ($rules | Where-Object comment -eq $Comment | ForEach-Object { ($_.expr | Where-Object { $_.counter }).counter.packets } | Measure-Object -Sum).Sum }
            Write-Host "packet counter: outside=$(& $count 'outside') bridges=$(& $count 'bridges')"
            & $count 'bridges' | Should -BeGreaterThan 0 -Because 'the counter must see the connections the checks made'
            & $count 'outside' | Should -Be 0 -Because 'no packet may go to an address outside loopback and the bridges'
        }
    }
}

# Issue 29: the container's own files are read through /proc/PID/root without leaving its root; each file not read
# is an ErrorRecord of its own (non-terminating: the steps still come). Containers with CAP_SYS_ADMIN unmount the
# engine's bind-mounted /etc/hosts and put a link to an absolute path that exists only on the host, a FIFO nobody
# writes, or a link to /dev/zero in its place; a last one exits while its DNS question is in flight.
Describe 'Test-ContainerConnection with container files it must not read' -Tag 'Linux' {
    BeforeAll {
        $script:FileContainers = @()
        $script:HostOnly = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-host-only-' + [guid]::NewGuid().ToString('N'))
        Set-Content -Path $script:HostOnly -Value '127.0.0.9 host-secret.test' -NoNewline
        function Start-FileContainer([string] $Make, [string[]] $Run = @('--network', 'none'), [string] $Then = 'exec busybox sleep 600') {
            $replace = if ($Make) { "busybox umount /etc/hosts; busybox rm -f /etc/hosts; $Make; " } else { '' }
            $id = docker run -d --pull=never --cap-add SYS_ADMIN --security-opt seccomp=unconfined --security-opt apparmor=unconfined @Run $env:LOOPBACKTOOLS_TEST_IMAGE busybox sh -c "$replace busybox touch /made; $Then"
            if ($LASTEXITCODE) { throw "docker run failed for '$Make'" }
            $script:FileContainers += $id
            foreach ($i in 1..100) {
                docker exec $id busybox test -e /made 2>$null
                if (-not $LASTEXITCODE) { break }
                Start-Sleep -Milliseconds 100
            }
            $id
        }
    }
    AfterAll {
        if ($script:FileContainers) { docker rm -f $script:FileContainers 2>$null | Out-Null }
        Remove-Item -LiteralPath $script:HostOnly -ErrorAction SilentlyContinue
    }
    BeforeEach {
        Assert-TestComponent -Available $script:Ready -Because 'needs the seal (LBT_SEALED), root, nft and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
    }

    It 'writes Docker.ContainerFileUnreadable for /etc/hosts that is <Case>, never reads <What>, and still judges every step' -ForEach @(
        @{ Case = 'a link to a host-only absolute path'; Make = 'busybox ln -s {0} /etc/hosts'; Reason = '*does not exist inside the container*'; What = 'the host''s file' }
        @{ Case = 'a FIFO nobody writes'; Make = 'busybox mkfifo /etc/hosts'; Reason = '*it is a FIFO, not a regular file*'; What = 'the FIFO (it would block)' }
        @{ Case = 'a link to /dev/zero'; Make = 'busybox ln -s /dev/zero /etc/hosts'; Reason = '*it is a character device, not a regular file*'; What = '/dev/zero (it never ends)' }
    ) {
        $id = Start-FileContainer ($Make -f $script:HostOnly)
        $rows = Test-ContainerConnection -Name $id -Port 80 -TargetName host-secret.test -TimeoutSec 1 -ErrorVariable problems -ErrorAction SilentlyContinue
        @($rows.Step) | Should -Be @('Localhost', 'Name', 'Network', 'HostBind', 'Connect', 'Firewall')
        (Get-Step $rows Name).Status | Should -Not -Be 'Pass'
        ($rows | Out-String) | Should -Not -Match '127\.0\.0\.9' -Because 'the host-only file names host-secret.test at 127.0.0.9'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Docker.ContainerFileUnreadable,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].Exception.Message | Should -BeLike "/etc/hosts of container $($id.Substring(0, 12))*$Reason"
        $problems[0].ErrorDetails.RecommendedAction | Should -Be "Look at it inside the container: docker exec $($id.Substring(0, 12)) ls -l /etc/hosts"
        $problems[0].TargetObject | Should -Be $id
    }

    It 'reads the same container''s hosts file once the link''s target exists inside it' {
        $id = Start-FileContainer ('busybox ln -s {0} /etc/hosts' -f $script:HostOnly)
        docker exec $id busybox sh -c "busybox mkdir -p $(Split-Path $script:HostOnly) && echo '127.0.0.7 host-secret.test' > $($script:HostOnly)"
        $rows = Test-ContainerConnection -Name $id -Port 80 -TargetName host-secret.test -TimeoutSec 1 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 0
        (Get-Step $rows Name).Finding | Should -BeLike 'host-secret.test resolves inside * to 127.0.0.7 (from the hosts file)'
    }

    It 'writes Docker.ContainerGone, not a raw file error, for a container that exits while its DNS question is in flight' {
        # Its nameserver is its gateway (an address the engine reports), where a counted nftables rule drops DNS:
        # the question waits out -TimeoutSec, and the container is killed once the counter shows it arrived.
        $gateway = docker network inspect -f '{{range .IPAM.Config}}{{.Gateway}}{{end}}' bridge
        $bridge = docker network inspect -f '{{index .Options "com.docker.network.bridge.name"}}' bridge
        $table = 'lbt_cc_gone_' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        nft add table inet $table
        nft add chain inet $table input '{ type filter hook input priority -10; }'
        nft add rule inet $table input iifname $bridge udp dport 53 counter drop
        $id = Start-FileContainer '' @('--dns', $gateway)
        $shell = New-ModuleRunspace "Test-ContainerConnection -Name $id -Port 80 -TargetName gone-mid-check.test -TimeoutSec 5"
        try {
            $async = $shell.BeginInvoke()
            $dropped = { ((nft -j list table inet $table | ConvertFrom-Json).nftables.rule.expr | Where-Object { $_.counter }).counter.packets }
            foreach ($i in 1..300) { if ((& $dropped) -gt 0) { break }; Start-Sleep -Milliseconds 100 }
            & $dropped | Should -BeGreaterThan 0 -Because 'the DNS question must be in flight before the container is killed'
            docker kill $id | Out-Null
            $rows = $shell.EndInvoke($async)
            $rows | Should -BeNullOrEmpty
            $shell.Streams.Error.Count | Should -Be 1
            $shell.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'Docker.ContainerGone,*'
            $shell.Streams.Error[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $shell.Streams.Error[0].ErrorDetails.RecommendedAction | Should -BeLike '*docker start*'
        }
        finally {
            $shell.Dispose()
            nft delete table inet $table
        }
    }
}
