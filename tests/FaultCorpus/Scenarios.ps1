# The fault corpus as data (issue 27): each scenario is one real third-party server with one fault injected (Kind
# Fault) or none (Kind Control). tests/FaultCorpus.Tests.ps1 runs each as one It:
#   Setup   param($W, $S): starts the server / injects the fault; $W is the shared world, $S this scenario's state.
#   Client  param($W, $S): a real client (curl, node fetch or net, python3-requests, redis-cli, getent, busybox nc in a
#           container) - $true when it got what it asked for. A fault must make it fail before anything is judged.
#   Check   param($W, $S): the module's check (Test-LocalhostConnection, Test-ContainerPort, Test-ContainerConnection).
#   Step, Status, Expect: the one step that names the cause, its status, and -like patterns its finding must match
#           (the cause, then the remedy). Controls have none: no step may Fail.
#   Remedy  param($W, $S): applies the fix the finding names; then the client must succeed and the check raise no Fail.
#           Absent when the remedy is a choice rather than a command (use the right port, run the client there).
#   Cleanup param($W, $S): undoes everything Setup and Remedy did.
# Expectations marked "issue 27" are the phrases the measuring checks of issue 27 promise for that fault class
# (address mismatch, accept queue, other namespaces, loopback state, forwarders, the container's real inside port).


@(
    # ---------------------------------------------------------------- healthy controls
    @{ Id = 'nginx-both-families'; Kind = 'Control'; Software = 'nginx'; ClientName = 'curl'
        Setup = { }; Client = { param($W, $S) Test-CurlClient "http://localhost:$($W.NginxPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 -Http } }
    @{ Id = 'nginx-node-fetch'; Kind = 'Control'; Software = 'nginx'; ClientName = 'node fetch'
        Setup = { }; Client = { param($W, $S) Test-NodeFetchClient "http://localhost:$($W.NginxPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 -ProcessName nginx } }
    @{ Id = 'redis-both-families'; Kind = 'Control'; Software = 'redis-server'; ClientName = 'redis-cli'
        Setup = { }; Client = { param($W, $S) Test-RedisClient $W.RedisPort }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.RedisPort -TimeoutSec 1 -ProcessName redis-server } }
    @{ Id = 'python-dual-stack'; Kind = 'Control'; Software = 'python3 http.server'; ClientName = 'python3-requests'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-ds $S.Port -Bind '::' }
        Client = { param($W, $S) Test-RequestsClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 -Http }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'node-dual-stack'; Kind = 'Control'; Software = 'node http'; ClientName = 'node fetch'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusNode $W node-ds $S.Port -Bind '::' }
        Client = { param($W, $S) Test-NodeFetchClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 -Http }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'socat-forwarder-live'; Kind = 'Control'; Software = 'socat -> redis'; ClientName = 'redis-cli'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusProcess $W socat-live "socat TCP6-LISTEN:$($S.Port),ipv6only=0,fork,reuseaddr TCP4:127.0.0.1:$($W.RedisPort)"; Wait-CorpusListener $S.Port | Out-Null }
        Client = { param($W, $S) Test-RedisClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'ssh-L-live'; Kind = 'Control'; Software = 'openssh ssh -L -> nginx'; ClientName = 'curl'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusSshForward $W ssh-live $S.Port $W.NginxPort }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 -Http }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'container-published'; Kind = 'Control'; Software = 'docker busybox httpd'; ClientName = 'curl'
        Setup = { param($W, $S) $S.C = Start-CorpusContainer $W -Publish '127.0.0.1::8080' -Listen '8080'; $S.HostPort = Get-CorpusHostPort $S.C 8080 }
        Client = { param($W, $S) Test-CurlClient "http://127.0.0.1:$($S.HostPort)/" }
        Check = { param($W, $S) Test-ContainerPort -Name $S.C -TimeoutSec 1 }
        Cleanup = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null } }
    @{ Id = 'container-to-host-all'; Kind = 'Control'; Software = 'docker -> python3 on 0.0.0.0'; ClientName = 'busybox nc in the container'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-all $S.Port -Bind '0.0.0.0'; $S.C = Start-CorpusContainer $W -AddHost -Command 'busybox sleep 600' }
        Client = { param($W, $S) Test-ContainerNcClient $S.C host.docker.internal $S.Port }
        Check = { param($W, $S) Test-ContainerConnection -Name $S.C -Port $S.Port -TimeoutSec 1 }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; docker rm -f $S.C 2>$null | Out-Null } }

    # ---------------------------------------------------------------- nothing there, or not where asked
    @{ Id = 'nginx-stopped'; Kind = 'Fault'; Software = 'nginx'; ClientName = 'curl'; Cause = 'nothing listens (server stopped)'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.N = Start-CorpusNginx $W ngx-stop (New-NginxServer $W $S.Port) $S.Port; Stop-CorpusProcess $S.N.Process -Signal QUIT }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = 'nothing listens on TCP port *', '*start the service*'
        Remedy = { param($W, $S) $S.N = Start-CorpusNginx $W ngx-stop (New-NginxServer $W $S.Port) $S.Port }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.N.Process -Signal QUIT } }
    @{ Id = 'redis-wrong-port'; Kind = 'Fault'; Software = 'redis-server'; ClientName = 'redis-cli'; Cause = 'client asks the wrong port'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort }
        Client = { param($W, $S) Test-RedisClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = 'nothing listens on TCP port *', '*use the port it listens on*' }
    @{ Id = 'nginx-bound-127.0.0.2'; Kind = 'Fault'; Software = 'nginx'; ClientName = 'curl'; Cause = 'bound to 127.0.0.2, localhost is 127.0.0.1/::1'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.N = Start-CorpusNginx $W ngx-002 (New-NginxServer $W $S.Port -Listen "127.0.0.2:$($S.Port)") $S.Port }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Bind'; Expect = '*bound to 127.0.0.2*, which localhost does not resolve to (*', '*bind the server to *' # issue 27: address mismatch
        Remedy = { param($W, $S) Update-CorpusNginx $S.N (New-NginxServer $W $S.Port) }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.N.Process -Signal QUIT } }
    @{ Id = 'python-bound-127.0.0.3'; Kind = 'Fault'; Software = 'python3 http.server'; ClientName = 'python3-requests'; Cause = 'bound to 127.0.0.3, localhost is 127.0.0.1/::1'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-003 $S.Port -Bind '127.0.0.3' }
        Client = { param($W, $S) Test-RequestsClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Bind'; Expect = '*bound to 127.0.0.3*, which localhost does not resolve to (*', '*bind the server to *' # issue 27: address mismatch
        Remedy = { param($W, $S) Stop-CorpusProcess $S.P; $S.P = Start-CorpusPython $W py-003 $S.Port -Bind '::' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'python-v6-only-v4-client'; Kind = 'Fault'; Software = 'python3 http.server'; ClientName = 'curl -4'; Cause = 'bound to ::1 only, IPv4 client'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-v6 $S.Port -Bind '::1' }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" -Option '-4' }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Connect'; Status = 'Warn'; Expect = '*also resolves to 127.0.0.1, where nothing accepts*', '*bind the server to 127.0.0.1 too*'
        Remedy = { param($W, $S) Stop-CorpusProcess $S.P; $S.P = Start-CorpusPython $W py-v6 $S.Port -Bind '::' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'node-v4-only-first-address'; Kind = 'Fault'; Software = 'node http'; ClientName = 'node net.connect (first address only)'; Cause = 'bound to 127.0.0.1 only, ::1 resolved first'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusNode $W node-v4 $S.Port -Bind '127.0.0.1' }
        Client = { param($W, $S) Test-NodeFirstAddressClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Connect'; Expect = 'first-address trap*::1*', '*bind the server to ::1*'
        Remedy = { param($W, $S) Stop-CorpusProcess $S.P; $S.P = Start-CorpusNode $W node-v4 $S.Port -Bind '::' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'redis-in-other-netns'; Kind = 'Fault'; Software = 'redis-server in ip netns'; ClientName = 'redis-cli'; Cause = 'server runs in another network namespace'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.Ns = New-CorpusNamespace $W 'other'; $S.P = Start-CorpusProcess $W redis-ns "ip netns exec $($S.Ns) redis-server --port $($S.Port) --bind 127.0.0.1 --save '' --appendonly no --dir '$($W.Folder)'"; Wait-CorpusListener $S.Port -Namespace $S.Ns | Out-Null }
        Client = { param($W, $S) Test-RedisClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = '*in this network namespace, but redis-server*listens on 127.0.0.1:* in *your localhost is not theirs*', '*run the client in that namespace*' # issue 27: other namespaces
        Cleanup = { param($W, $S) Stop-CorpusChild $S.Child; Stop-CorpusProcess $S.P; ip netns delete $S.Ns } }
    @{ Id = 'container-not-published'; Kind = 'Fault'; Software = 'docker busybox httpd'; ClientName = 'curl'; Cause = 'container listens but publishes no port'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.C = Start-CorpusContainer $W -Publish '' -Listen "$($S.Port)"; Wait-CorpusContainerListener $S.C $S.Port }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = '*in this network namespace, but*your localhost is not theirs*', '*publish it (docker run -p 127.0.0.1:* -p `[::1`]:*' # issue 27: other namespaces (a container)
        Remedy = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null; $S.C = Start-CorpusContainer $W -Publish "127.0.0.1:$($S.Port):$($S.Port)", "[::1]:$($S.Port):$($S.Port)" -Listen "$($S.Port)"; Wait-CorpusContainerListener $S.C $S.Port }
        Cleanup = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null } }

    # ---------------------------------------------------------------- packet filters
    @{ Id = 'nft-drop'; Kind = 'Fault'; Software = 'nginx + nftables'; ClientName = 'curl'; Cause = 'nftables rule drops the port on lo'
        Setup = { param($W, $S) $S.Table = Add-CorpusNftRule $W $W.NginxPort 'drop' }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($W.NginxPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 }
        Step = 'Firewall'; Expect = "*nftables rule '*drops port * on loopback*", '*delete it (nft delete rule*'
        Remedy = { param($W, $S) nft delete table inet $S.Table; $S.Table = $null }
        Cleanup = { param($W, $S) if ($S.Table) { nft delete table inet $S.Table } } }
    @{ Id = 'nft-reject'; Kind = 'Fault'; Software = 'redis-server + nftables'; ClientName = 'redis-cli'; Cause = 'nftables rule rejects the port on lo'
        Setup = { param($W, $S) $S.Table = Add-CorpusNftRule $W $W.RedisPort 'reject with tcp reset' }
        Client = { param($W, $S) Test-RedisClient $W.RedisPort }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.RedisPort -TimeoutSec 1 }
        Step = 'Firewall'; Expect = "*nftables rule '*rejects port * on loopback*", '*delete it (nft delete rule*'
        Remedy = { param($W, $S) nft delete table inet $S.Table; $S.Table = $null }
        Cleanup = { param($W, $S) if ($S.Table) { nft delete table inet $S.Table } } }
    @{ Id = 'nft-drop-ipv6-only'; Kind = 'Fault'; Software = 'node http + nftables'; ClientName = 'node net.connect (first address only)'; Cause = 'nftables rule drops ::1 only'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusNode $W node-fw6 $S.Port -Bind '::'; $S.Table = Add-CorpusNftRule $W $S.Port 'drop' -Match 'ip6 daddr ::1' }
        Client = { param($W, $S) Test-NodeFirstAddressClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Firewall'; Expect = "*nftables rule '*::1*drops port * on loopback*", '*delete it (nft delete rule*'
        Remedy = { param($W, $S) nft delete table inet $S.Table; $S.Table = $null }
        Cleanup = { param($W, $S) if ($S.Table) { nft delete table inet $S.Table }; Stop-CorpusProcess $S.P } }
    @{ Id = 'iptables-nft-drop'; Kind = 'Fault'; Software = 'python3 http.server + iptables-nft'; ClientName = 'python3-requests'; Cause = 'iptables (nft backend) rules drop the port'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-ipt $S.Port -Bind '::'; foreach ($t in 'iptables', 'ip6tables') { & $t -I INPUT -i lo -p tcp --dport $S.Port -j DROP }; $S.Rules = $true }
        Client = { param($W, $S) Test-RequestsClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Firewall'; Expect = '*(table ip* filter, chain INPUT, handle *', '*delete it (*'
        Remedy = { param($W, $S) foreach ($t in 'iptables', 'ip6tables') { & $t -D INPUT -i lo -p tcp --dport $S.Port -j DROP }; $S.Rules = $false }
        Cleanup = { param($W, $S) if ($S.Rules) { foreach ($t in 'iptables', 'ip6tables') { & $t -D INPUT -i lo -p tcp --dport $S.Port -j DROP } }; Stop-CorpusProcess $S.P } }

    # ---------------------------------------------------------------- the server's own state
    @{ Id = 'python-accept-queue-full'; Kind = 'Fault'; Software = 'python3 http.server (SIGSTOP)'; ClientName = 'curl'; Cause = 'accept queue full (server stopped calling accept)'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-q $S.Port -Bind '::'; $S.Held = Lock-CorpusAcceptQueue $S.P $S.Port }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = '*its accept queue is full (Recv-Q *', '*restart it*' # issue 27: accept queue
        Remedy = { param($W, $S) Unlock-CorpusAcceptQueue $S.P $S.Held }
        Cleanup = { param($W, $S) Unlock-CorpusAcceptQueue $S.P $S.Held; Stop-CorpusProcess $S.P } }
    @{ Id = 'redis-accept-queue-full'; Kind = 'Fault'; Software = 'redis-server (SIGSTOP)'; ClientName = 'redis-cli'; Cause = 'accept queue full (server stopped calling accept)'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusRedis $W redis-q $S.Port -Extra '--tcp-backlog 4'; $S.Held = Lock-CorpusAcceptQueue $S.P $S.Port }
        Client = { param($W, $S) Test-RedisClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = '*its accept queue is full (Recv-Q *', '*restart it*' # issue 27: accept queue
        Remedy = { param($W, $S) Unlock-CorpusAcceptQueue $S.P $S.Held }
        Cleanup = { param($W, $S) Unlock-CorpusAcceptQueue $S.P $S.Held; Stop-CorpusProcess $S.P } }
    @{ Id = 'redis-processname-mismatch'; Kind = 'Fault'; Software = 'redis-server (asked for nginx)'; ClientName = 'curl'; Cause = 'port held by redis-server, not nginx'
        Setup = { }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($W.RedisPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.RedisPort -TimeoutSec 1 -ProcessName nginx }
        Step = 'Listener'; Expect = '*is held by redis-server*, not by nginx*', '*stop it, or start nginx on a free port*' } # issue 27: -ProcessName
    @{ Id = 'python-privileged-port-nonroot'; Kind = 'Fault'; Software = 'python3 http.server as nobody'; ClientName = 'curl'; Cause = 'port below ip_unprivileged_port_start, server not root'
        Setup = { param($W, $S) $S.Port = 881; $S.Start = sysctl -n net.ipv4.ip_unprivileged_port_start; sysctl -qw net.ipv4.ip_unprivileged_port_start=1024; $S.P = Start-CorpusPython $W py-priv $S.Port -Bind '::' -User 65534 -NoWait; [void]$S.P.WaitForExit(5000) }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Bind'; Status = 'Warn'; Expect = '*below net.ipv4.ip_unprivileged_port_start=1024*', "*sysctl -w net.ipv4.ip_unprivileged_port_start=881*"
        Remedy = { param($W, $S) sysctl -qw net.ipv4.ip_unprivileged_port_start=881; $S.P = Start-CorpusPython $W py-priv $S.Port -Bind '::' -User 65534 }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; sysctl -qw "net.ipv4.ip_unprivileged_port_start=$($S.Start)" } }
    @{ Id = 'socat-time-wait-no-reuseaddr'; Kind = 'Fault'; Software = 'socat (no reuseaddr)'; ClientName = 'redis-cli'; Cause = 'port held in TIME-WAIT, server lacks SO_REUSEADDR'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; New-CorpusTimeWait $S.Port $W.RedisPort; $S.P = Start-CorpusProcess $W socat-tw "socat TCP-LISTEN:$($S.Port),fork TCP4:127.0.0.1:$($W.RedisPort)"; [void]$S.P.WaitForExit(3000) }
        Client = { param($W, $S) Test-RedisClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Bind'; Status = 'Warn'; Expect = '*held by a closed connection*', '*set SO_REUSEADDR*'
        Remedy = { param($W, $S) $S.P = Start-CorpusProcess $W socat-tw "socat TCP6-LISTEN:$($S.Port),ipv6only=0,fork,reuseaddr TCP4:127.0.0.1:$($W.RedisPort)"; Wait-CorpusListener $S.Port | Out-Null }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }

    # ---------------------------------------------------------------- forwarders
    @{ Id = 'ssh-L-far-end-dead'; Kind = 'Fault'; Software = 'openssh ssh -L'; ClientName = 'curl'; Cause = 'ssh -L forwards to a port nothing listens on'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.Far = Get-CorpusPort; $S.P = Start-CorpusSshForward $W ssh-dead $S.Port $S.Far }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = '*forwards it (ssh -L) to 127.0.0.1:*the far end does not take the connection*', '*start the service at 127.0.0.1:*' # issue 27: forwarders
        Remedy = { param($W, $S) $S.Server = Start-CorpusPython $W py-far $S.Far -Bind '127.0.0.1' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; Stop-CorpusProcess $S.Server } }
    @{ Id = 'socat-far-end-dead'; Kind = 'Fault'; Software = 'socat'; ClientName = 'redis-cli'; Cause = 'socat forwards to a port nothing listens on'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.Far = Get-CorpusPort; $S.P = Start-CorpusProcess $W socat-dead "socat TCP6-LISTEN:$($S.Port),ipv6only=0,fork,reuseaddr TCP4:127.0.0.1:$($S.Far)"; Wait-CorpusListener $S.Port | Out-Null }
        Client = { param($W, $S) Test-RedisClient $S.Port }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Listener'; Expect = '*forwards it (socat) to 127.0.0.1:*the far end does not take the connection*', '*start the service at 127.0.0.1:*' # issue 27: forwarders
        Remedy = { param($W, $S) $S.Server = Start-CorpusRedis $W redis-far $S.Far -Bind '127.0.0.1' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; Stop-CorpusProcess $S.Server } }

    # ---------------------------------------------------------------- HTTP
    @{ Id = 'nginx-502-upstream-dead'; Kind = 'Fault'; Software = 'nginx proxy_pass'; ClientName = 'curl'; Cause = 'nginx answers 502: its upstream is dead'
        Setup = { }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($W.GatewayPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.GatewayPort -TimeoutSec 1 -Http }
        Step = 'Http'; Expect = '*502*', '*the app behind the server fails*'
        Remedy = { param($W, $S) $S.Server = Start-CorpusPython $W py-upstream $W.UpstreamPort -Bind '127.0.0.1' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.Server } }
    @{ Id = 'nginx-403-no-index'; Kind = 'Fault'; Software = 'nginx'; ClientName = 'node fetch'; Cause = 'nginx refuses / (403: no index file)'
        Setup = { param($W, $S) Remove-Item "$($W.EmptyRoot)/index.html" -ErrorAction SilentlyContinue }
        Client = { param($W, $S) Test-NodeFetchClient "http://localhost:$($W.ForbiddenPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.ForbiddenPort -TimeoutSec 1 -Http }
        Step = 'Http'; Status = 'Warn'; Expect = '*answers HTTP/1.1 403*', '*check the path*'
        Remedy = { param($W, $S) Set-Content "$($W.EmptyRoot)/index.html" 'now there is an index' }
        Cleanup = { param($W, $S) Remove-Item "$($W.EmptyRoot)/index.html" -ErrorAction SilentlyContinue } }
    @{ Id = 'node-500'; Kind = 'Fault'; Software = 'node http'; ClientName = 'node fetch'; Cause = 'the app answers 500'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusNode $W node-500 $S.Port -Bind '::' -StatusCode 500 }
        Client = { param($W, $S) Test-NodeFetchClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 -Http }
        Step = 'Http'; Expect = '*500*', '*see its log*'
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P } }
    @{ Id = 'redis-http-asked'; Kind = 'Fault'; Software = 'redis-server'; ClientName = 'curl'; Cause = 'port serves another protocol (redis), not HTTP'
        Setup = { }
        Client = { param($W, $S) Test-CurlClient "http://localhost:$($W.RedisPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.RedisPort -TimeoutSec 1 -Http }
        Step = 'Http'; Expect = '*does not answer HTTP*', '*check that this port serves HTTP*' }

    # ---------------------------------------------------------------- proxy
    @{ Id = 'tinyproxy-without-no-proxy'; Kind = 'Fault'; Software = 'tinyproxy + nginx'; ClientName = 'python3-requests'; Cause = 'HTTP_PROXY sends localhost to a proxy that refuses it'
        Setup = { param($W, $S) $S.Saved = Set-CorpusProxy "http://127.0.0.1:$($W.ProxyPort)" $null }
        Client = { param($W, $S) Test-RequestsClient "http://localhost:$($W.NginxPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 }
        Step = 'Proxy'; Status = 'Warn'; Expect = '*localhost*proxy*', '*NO_PROXY=*'
        Remedy = { param($W, $S) Set-CorpusProxy "http://127.0.0.1:$($W.ProxyPort)" 'localhost,127.0.0.1,::1' | Out-Null }
        Cleanup = { param($W, $S) Restore-CorpusProxy $S.Saved } }

    # ---------------------------------------------------------------- the loopback interface (checked inside a namespace)
    @{ Id = 'netns-lo-down'; Kind = 'Fault'; Software = 'python3 http.server in ip netns'; ClientName = 'python3-requests (in the namespace)'; Cause = 'loopback interface down'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.Ns = New-CorpusNamespace $W 'lodown' -Down; $S.P = Start-CorpusPython $W py-lodown $S.Port -Bind '::' -Namespace $S.Ns; $S.Child = Start-CorpusChild $W "ip netns exec $($S.Ns)" }
        Client = { param($W, $S) Test-RequestsClient "http://127.0.0.1:$($S.Port)/" -Namespace $S.Ns }
        Check = { param($W, $S) Invoke-CorpusChild $S.Child "Test-LocalhostConnection -Port $($S.Port) -TimeoutSec 1" }
        Step = 'Connect'; Expect = '*the loopback interface lo is down*', '*ip link set lo up*' # issue 27: loopback down
        Remedy = { param($W, $S) ip -n $S.Ns link set lo up }
        Cleanup = { param($W, $S) Stop-CorpusChild $S.Child; Stop-CorpusProcess $S.P; ip netns delete $S.Ns } }
    @{ Id = 'netns-ipv6-disabled'; Kind = 'Fault'; Software = 'python3 http.server in ip netns'; ClientName = 'curl http://[::1] (in the namespace)'; Cause = '::1 missing: IPv6 disabled on lo'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.Ns = New-CorpusNamespace $W 'nov6'; ip netns exec $S.Ns sysctl -qw net.ipv6.conf.lo.disable_ipv6=1; $S.P = Start-CorpusPython $W py-nov6 $S.Port -Bind '::' -Namespace $S.Ns; $S.Child = Start-CorpusChild $W "ip netns exec $($S.Ns)" }
        Client = { param($W, $S) ip netns exec $S.Ns curl -gsf -o /dev/null -m 2 "http://[::1]:$($S.Port)/"; $LASTEXITCODE -eq 0 }
        Check = { param($W, $S) Invoke-CorpusChild $S.Child "Test-LocalhostConnection -Port $($S.Port) -TimeoutSec 1" }
        Step = 'Connect'; Status = 'Fail', 'Warn'; Expect = '*::1 is not on lo*', '*sysctl -w net.ipv6.conf.lo.disable_ipv6=0*' # issue 27: ::1 missing
        Remedy = { param($W, $S) ip netns exec $S.Ns sysctl -qw net.ipv6.conf.lo.disable_ipv6=0; Start-Sleep -Milliseconds 300 }
        Cleanup = { param($W, $S) Stop-CorpusChild $S.Child; Stop-CorpusProcess $S.P; ip netns delete $S.Ns } }

    # ---------------------------------------------------------------- name resolution (a hosts file bound over the seal's own)
    @{ Id = 'hosts-no-localhost'; Kind = 'Fault'; Software = 'nginx + glibc hosts'; ClientName = 'getent ahosts'; Cause = 'hosts file has no localhost line'
        Setup = { param($W, $S) Set-CorpusHosts $W $S "127.0.0.1 somewhere`n" }
        Client = { param($W, $S) getent ahosts localhost | Out-Null; $LASTEXITCODE -eq 0 }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 }
        Step = 'HostsFile'; Status = 'Warn'; Expect = '*has no localhost line*', "*add '127.0.0.1 localhost'*"
        Remedy = { param($W, $S) Set-CorpusHosts $W $S "127.0.0.1 localhost`n::1 localhost`n" }
        Cleanup = { param($W, $S) Clear-CorpusHosts $S } }
    @{ Id = 'hosts-localhost-127.0.1.1'; Kind = 'Fault'; Software = 'nginx + glibc hosts'; ClientName = 'python3-requests'; Cause = 'hosts maps localhost to 127.0.1.1, server on 127.0.0.1/::1'
        Setup = { param($W, $S) Set-CorpusHosts $W $S "127.0.1.1 localhost`n" }
        Client = { param($W, $S) Test-RequestsClient "http://localhost:$($W.NginxPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 }
        Step = 'Bind'; Expect = '*which localhost does not resolve to (127.0.1.1)*', '*bind the server to *' # issue 27: address mismatch
        Remedy = { param($W, $S) Set-CorpusHosts $W $S "127.0.0.1 localhost`n::1 localhost`n" }
        Cleanup = { param($W, $S) Clear-CorpusHosts $S } }
    @{ Id = 'hosts-localhost-v6-only-server-v4'; Kind = 'Fault'; Software = 'python3 http.server + glibc hosts'; ClientName = 'python3-requests'; Cause = 'localhost only ::1 in hosts, server on 127.0.0.1 only'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-v4 $S.Port -Bind '127.0.0.1'; Set-CorpusHosts $W $S "::1 localhost`n" }
        Client = { param($W, $S) Test-RequestsClient "http://localhost:$($S.Port)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $S.Port -TimeoutSec 1 }
        Step = 'Bind'; Expect = '*bound to 127.0.0.1*, which localhost does not resolve to (::1)*', '*bind the server to *' # issue 27: address mismatch
        Remedy = { param($W, $S) Stop-CorpusProcess $S.P; $S.P = Start-CorpusPython $W py-v4 $S.Port -Bind '::' }
        Cleanup = { param($W, $S) Clear-CorpusHosts $S; Stop-CorpusProcess $S.P } }
    @{ Id = 'hosts-bom-first-line'; Kind = 'Fault'; Software = 'nginx + glibc hosts'; ClientName = 'getent ahosts'; Cause = 'hosts first line skipped by glibc (UTF-8 BOM)'
        Setup = { param($W, $S) Set-CorpusHosts $W $S "$([char]0xFEFF)127.0.0.1 localhost`n" }
        Client = { param($W, $S) getent ahosts localhost | Out-Null; $LASTEXITCODE -eq 0 }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -TimeoutSec 1 }
        Step = 'HostsFile'; Status = 'Fail', 'Warn'; Expect = '*byte-order mark*skips the line*', '*without a byte-order mark*' # issue 27: a hosts line the OS resolver skips
        Remedy = { param($W, $S) Set-CorpusHosts $W $S "127.0.0.1 localhost`n::1 localhost`n" }
        Cleanup = { param($W, $S) Clear-CorpusHosts $S } }
    @{ Id = 'dnsmasq-wrong-answer'; Kind = 'Fault'; Software = 'dnsmasq + nginx'; ClientName = 'node fetch'; Cause = 'DNS answers app.localhost with 127.0.0.9, server on 127.0.0.1/::1'
        Setup = { param($W, $S) $S.D = Start-CorpusDnsmasq $W '127.0.0.9' }
        Client = { param($W, $S) Test-NodeFetchClient "http://app.localhost:$($W.NginxPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Port $W.NginxPort -Name app.localhost -TimeoutSec 1 }
        Step = 'Bind'; Expect = '*which app.localhost does not resolve to (127.0.0.9)*', '*bind the server to *' # issue 27: address mismatch
        Remedy = { param($W, $S) Stop-CorpusProcess $S.D; $S.D = Start-CorpusDnsmasq $W '127.0.0.1' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.D } }

    # ---------------------------------------------------------------- containers
    @{ Id = 'container-wrong-inside-port'; Kind = 'Fault'; Software = 'docker busybox httpd'; ClientName = 'curl'; Cause = 'published 8080, the app listens on 9090 inside'
        Setup = { param($W, $S) $S.C = Start-CorpusContainer $W -Publish '127.0.0.1::8080' -Listen '9090'; Wait-CorpusContainerListener $S.C 9090; $S.HostPort = Get-CorpusHostPort $S.C 8080 }
        Client = { param($W, $S) Test-CurlClient "http://127.0.0.1:$($S.HostPort)/" }
        Check = { param($W, $S) Test-ContainerPort -Name $S.C -TimeoutSec 1 }
        Step = 'ContainerPort'; Expect = '*the app listens on port 9090 there*', '*-p 127.0.0.1:*:9090*' # issue 27: the container's real inside port
        Remedy = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null; $S.C = Start-CorpusContainer $W -Publish '127.0.0.1::9090' -Listen '9090'; Wait-CorpusContainerListener $S.C 9090; $S.HostPort = Get-CorpusHostPort $S.C 9090 }
        Cleanup = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null } }
    @{ Id = 'container-app-on-own-loopback'; Kind = 'Fault'; Software = 'docker busybox httpd'; ClientName = 'curl'; Cause = 'app bound to the container''s own 127.0.0.1'
        Setup = { param($W, $S) $S.C = Start-CorpusContainer $W -Publish '127.0.0.1::8080' -Listen '127.0.0.1:8080'; Wait-CorpusContainerListener $S.C 8080; $S.HostPort = Get-CorpusHostPort $S.C 8080 }
        Client = { param($W, $S) Test-CurlClient "http://127.0.0.1:$($S.HostPort)/" }
        Check = { param($W, $S) Test-ContainerPort -Name $S.C -TimeoutSec 1 }
        Step = 'ContainerPort'; Expect = '*127.0.0.1*', '*0.0.0.0*'
        Remedy = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null; $S.C = Start-CorpusContainer $W -Publish '127.0.0.1::8080' -Listen '8080'; Wait-CorpusContainerListener $S.C 8080; $S.HostPort = Get-CorpusHostPort $S.C 8080 }
        Cleanup = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null } }
    @{ Id = 'container-loopback-seen-from-host'; Kind = 'Fault'; Software = 'docker busybox httpd'; ClientName = 'node fetch'; Cause = 'published port dead: app on the container''s loopback'
        Setup = { param($W, $S) $S.C = Start-CorpusContainer $W -Publish '127.0.0.1::8080' -Listen '127.0.0.1:8080'; Wait-CorpusContainerListener $S.C 8080; $S.HostPort = Get-CorpusHostPort $S.C 8080 }
        Client = { param($W, $S) Test-NodeFetchClient "http://127.0.0.1:$($S.HostPort)/" }
        Check = { param($W, $S) Test-LocalhostConnection -Name 127.0.0.1 -Port $S.HostPort -TimeoutSec 1 }
        Step = 'Container'; Expect = '*container*127.0.0.1*', '*0.0.0.0*'
        Cleanup = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null } }
    @{ Id = 'container-to-host-loopback'; Kind = 'Fault'; Software = 'docker -> python3 on 127.0.0.1'; ClientName = 'busybox nc in the container'; Cause = 'host service bound to 127.0.0.1, container connects through the bridge'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-lo $S.Port -Bind '127.0.0.1'; $S.C = Start-CorpusContainer $W -AddHost -Command 'busybox sleep 600' }
        Client = { param($W, $S) Test-ContainerNcClient $S.C host.docker.internal $S.Port }
        Check = { param($W, $S) Test-ContainerConnection -Name $S.C -Port $S.Port -TimeoutSec 1 }
        Step = 'HostBind'; Expect = '*listens only on 127.0.0.1*', '*bind it to * (the bridge address), or to 0.0.0.0*'
        Remedy = { param($W, $S) Stop-CorpusProcess $S.P; $S.P = Start-CorpusPython $W py-lo $S.Port -Bind '0.0.0.0' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; docker rm -f $S.C 2>$null | Out-Null } }
    @{ Id = 'container-localhost-is-itself'; Kind = 'Fault'; Software = 'docker -> python3 on 0.0.0.0'; ClientName = 'busybox nc in the container'; Cause = 'localhost inside the container is the container'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-self $S.Port -Bind '0.0.0.0'; $S.C = Start-CorpusContainer $W -AddHost -Command 'busybox sleep 600' }
        Client = { param($W, $S) Test-ContainerNcClient $S.C localhost $S.Port }
        Check = { param($W, $S) Test-ContainerConnection -Name $S.C -Port $S.Port -TargetName localhost -TimeoutSec 1 }
        Step = 'Localhost'; Expect = '*localhost is the container itself*', '*connect to host.docker.internal:*'
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; docker rm -f $S.C 2>$null | Out-Null } }
    @{ Id = 'container-without-add-host'; Kind = 'Fault'; Software = 'docker -> python3 on 0.0.0.0'; ClientName = 'busybox nc in the container'; Cause = 'host.docker.internal does not resolve (no --add-host)'
        Setup = { param($W, $S) $S.Port = Get-CorpusPort; $S.P = Start-CorpusPython $W py-noadd $S.Port -Bind '0.0.0.0'; $S.C = Start-CorpusContainer $W -Command 'busybox sleep 600' }
        Client = { param($W, $S) Test-ContainerNcClient $S.C host.docker.internal $S.Port }
        Check = { param($W, $S) Test-ContainerConnection -Name $S.C -Port $S.Port -TimeoutSec 1 }
        Step = 'Name'; Expect = '*does not resolve*', '*--add-host=host.docker.internal:host-gateway*'
        Remedy = { param($W, $S) docker rm -f $S.C 2>$null | Out-Null; $S.C = Start-CorpusContainer $W -AddHost -Command 'busybox sleep 600' }
        Cleanup = { param($W, $S) Stop-CorpusProcess $S.P; docker rm -f $S.C 2>$null | Out-Null } }
)
