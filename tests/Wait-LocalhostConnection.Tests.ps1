# Pester 5 over the packaged module: Wait-LocalhostConnection against real sockets - .NET listeners, busybox httpd
# started late or serving a CGI that answers 503 before 200, and child pwsh processes with their own /etc/hosts
# (unshare --mount, Invoke-WithEtcFile) so the real resolver returns the order under test.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:IsRoot = $IsLinux -and ((& id -u) -eq '0')

    function Start-Listener([ipaddress] $Address, [int] $Port = 0) {
        $listener = [System.Net.Sockets.TcpListener]::new($Address, $Port)
        if ($Address.Equals([ipaddress]::IPv6Any)) { $listener.Server.DualMode = $true }
        $listener.Start()
        $listener
    }

    # busybox httpd on $Listen after $DelaySec seconds; its web root has cgi-bin/health, which answers 503 to the
    # first $Unready requests and 200 after.
    function Start-Httpd([string] $Listen, [double] $DelaySec = 0, [int] $Unready = 0) {
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-wait-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory "$root/cgi-bin" | Out-Null
        $cgi = "#!/bin/sh`nn=`$(cat '$root/count' 2>/dev/null || echo 0); n=`$((n+1)); echo `$n > '$root/count'`n" +
            "if [ `"`$n`" -le $Unready ]; then printf 'Status: 503 Service Unavailable\r\n\r\nstarting\n'; else printf 'Content-Type: text/plain\r\n\r\nready\n'; fi`n"
        Set-Content -Path "$root/cgi-bin/health" -Value $cgi -NoNewline
        & chmod 755 "$root/cgi-bin/health"
        Set-Content -Path "$root.sh" -Value "sleep $DelaySec; exec busybox httpd -f -p '$Listen' -h '$root'"
        $process = Start-Process -FilePath bash -ArgumentList "$root.sh" -PassThru
        [pscustomobject]@{ Process = $process; Root = $root }
    }

    function Stop-Httpd($Server) {
        Stop-TestProcess $Server.Process
        Remove-Item -Recurse -Force $Server.Root, "$($Server.Root).sh"
    }

    # Every object $Command writes comes back (wrapped in a script block: Invoke-WithEtcFile pipes it as one pipeline).
    # glibc sorts ::1 before 127.0.0.1 (RFC 6724) whatever the hosts file's order; gai.conf's precedence for
    # IPv4-mapped addresses turns that round, as on machines configured to prefer IPv4.
    function Invoke-WithHosts([string] $HostsText, [string] $Command, [switch] $PreferIPv4) {
        $files = @{ hosts = $HostsText; 'gai.conf' = $(if ($PreferIPv4) { "precedence ::ffff:0:0/96 100`n" } else { '' }) }
        Invoke-WithEtcFile $files "& { $Command }"
    }
}

Describe 'Wait-LocalhostConnection on a port that is up' {
    BeforeAll {
        $script:server = Start-Listener ([ipaddress]::Loopback)
        $script:port = $script:server.LocalEndpoint.Port
        $script:wait = Wait-LocalhostConnection -Port $script:port -HostName 127.0.0.1
    }
    AfterAll { $script:server.Stop() }

    It 'writes one LocalhostConnectionWait, the type [OutputType] declares' {
        @($script:wait).Count | Should -Be 1
        $script:wait.PSObject.TypeNames[0] | Should -Be 'LoopbackTools.LocalhostConnectionWait'
        (Get-Command Wait-LocalhostConnection).OutputType.Name | Should -Contain 'LoopbackTools.LocalhostConnectionWait'
        $script:wait.HostName | Should -Be '127.0.0.1'
        $script:wait.Port | Should -Be $script:port
        $script:wait.RemoteAddress | Should -Be '127.0.0.1'
        $script:wait.Attempts | Should -Be 1
        $script:wait.StatusCode | Should -Be 0
    }

    It 'reads whole at 80 and 120 columns, also after Export-Clixml (the Deserialized twin)' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-wait-' + [guid]::NewGuid().ToString('N') + '.xml')
        $script:wait | Export-Clixml $file
        $back = Import-Clixml $file
        Remove-Item $file
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.LoopbackTools.LocalhostConnectionWait'
        foreach ($row in $script:wait, $back) {
            foreach ($width in 80, 120) {
                $lines = ($row | Out-String -Width $width).Trim() -split "`r?`n"
                $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
                $lines[0] | Should -Match '^HostName\s+Port\s+RemoteAddress\s+Elapsed\s+Attempts\s+HTTP$'
                $lines[2] | Should -Match ("^127\.0\.0\.1\s+{0}\s+127\.0\.0\.1\s+\d+\.\d{{3}} s\s+1\s*$" -f $script:port)
            }
        }
    }

    It 'returns $true with -Quiet' {
        Wait-LocalhostConnection -Port $script:port -Quiet | Should -BeTrue
    }

    It 'takes -Port by property name: a listener''s Port, a container result''s HostPort' {
        (Get-LoopbackListener -Port $script:port | Select-Object -First 1 | Wait-LocalhostConnection).Port | Should -Be $script:port
        $rows = @([pscustomobject]@{ Container = 'web'; ContainerPort = 8080; HostPort = $script:port }, [pscustomobject]@{ HostPort = $script:port } | Wait-LocalhostConnection)
        $rows.Port | Should -Be @($script:port, $script:port)
    }

    It 'writes Connection.InvalidPort for an unpublished container port (HostPort 0) and goes on with the next' {
        $rows = @([pscustomobject]@{ HostPort = 0 }, [pscustomobject]@{ HostPort = $script:port } | Wait-LocalhostConnection -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Connection.InvalidPort,*'
        $rows.Port | Should -Be $script:port
        [pscustomobject]@{ HostPort = 0 } | Wait-LocalhostConnection -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'takes an address literal as -HostName: [::1] and ::1 show as [::1]; one outside loopback is refused, nothing sent' {
        $v6 = Start-Listener ([ipaddress]::IPv6Loopback)
        try {
            foreach ($name in '[::1]', '::1') {
                $wait = Wait-LocalhostConnection -Port $v6.LocalEndpoint.Port -HostName $name -TimeoutSec 2
                $wait.HostName | Should -BeExactly '[::1]'
                $wait.RemoteAddress | Should -Be '::1'
            }
        }
        finally { $v6.Stop() }
        $failure = $null
        try { Wait-LocalhostConnection -Port $script:port -HostName 192.0.2.1 -TimeoutSec 5 -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'Connection.NotLoopback,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -BeLike "*192.0.2.1 is not a loopback address*sends nothing*"
    }

    It 'refuses a -StatusCode that is not a status: Connection.InvalidStatusCode' {
        $failure = $null
        try { Wait-LocalhostConnection -Port $script:port -Http -StatusCode 'ok' -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'Connection.InvalidStatusCode,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.ErrorDetails.RecommendedAction | Should -BeLike "*'200-399'*"
    }
}

Describe 'Wait-LocalhostConnection while the server is not there yet' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available ([bool](Get-Command busybox -ErrorAction SilentlyContinue)) -Because 'busybox httpd is the late server (apt busybox-static)'
    }

    It 'waits for a server that starts 2 s after the wait began' {
        $port = Get-FreePort
        $server = Start-Httpd "127.0.0.1:$port" -DelaySec 2
        try {
            $wait = Wait-LocalhostConnection -Port $port -HostName 127.0.0.1 -TimeoutSec 20 -IntervalMilliseconds 100
            $wait.RemoteAddress | Should -Be '127.0.0.1'
            $wait.Attempts | Should -BeGreaterThan 1
            $wait.ElapsedMilliseconds | Should -BeGreaterOrEqual 1500 -Because 'the server could not be reached before it started'
        }
        finally { Stop-Httpd $server }
    }

    It 'with -Http waits through 503 until the app answers 200 at -Path' {
        $port = Get-FreePort
        $server = Start-Httpd "127.0.0.1:$port" -Unready 3
        try {
            $wait = Wait-LocalhostConnection -Port $port -HostName 127.0.0.1 -Http -Path /cgi-bin/health -TimeoutSec 20 -IntervalMilliseconds 100
            $wait.StatusCode | Should -Be 200
            [int](Get-Content "$($server.Root)/count") | Should -Be 4 -Because 'three 503 answers came first'
            ($wait | Out-String -Width 80) | Should -Match '\s200\s*$'
        }
        finally { Stop-Httpd $server }
    }

    It 'times out with Connection.WaitTimedOut when nothing ever listens, naming the Listener step' {
        $port = Get-FreePort
        $failure = $null
        try { Wait-LocalhostConnection -Port $port -TimeoutSec 1 } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be 'Connection.WaitTimedOut,LoopbackTools.Commands.WaitLocalhostConnectionCommand'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.TargetObject | Should -Be $port
        $failure.ErrorDetails.Message | Should -BeLike "localhost:$port did not answer within 1 s (* rounds; last: *refuses*). Test-LocalhostConnection finds: Listener step (Fail): nothing listens on TCP port $port*"
        $failure.ErrorDetails.RecommendedAction | Should -Be "Fix the steps above; see Test-LocalhostConnection -Port $port."
        $text = $failure | Out-String -Width 80
        if ($env:LBT_SHOW_OUTPUT) { Write-Host $text }
        # Every line of the message and the recommendation fits (PowerShell's echo of this file's path and source line aside).
        $said = @($text -split "`r?`n" | Where-Object { $_ -match '^     \| [^~]|^  Recommendation: ' })
        $said.Count | Should -BeGreaterThan 5
        $said | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        ($said -join ' ') -replace '\s+\|\s+', ' ' | Should -Match 'Listener step \(Fail\): nothing listens'
    }

    It 'is a terminating error: the script does not go on past it' {
        $port = Get-FreePort
        $after = $false
        try { Wait-LocalhostConnection -Port $port -TimeoutSec 1 -ErrorAction SilentlyContinue; $after = $true } catch { }
        $after | Should -BeFalse
    }

    It 'returns $false with -Quiet and writes no error' {
        Wait-LocalhostConnection -Port (Get-FreePort) -TimeoutSec 1 -Quiet -ErrorVariable errors | Should -BeFalse
        $errors.Count | Should -Be 0
    }
}

Describe 'Wait-LocalhostConnection tries both families (the first-address trap of wait-on)' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available $script:IsRoot -Because 'a private /etc/hosts needs a mount namespace (root): run scripts/test.sh as root'
    }

    It 'finds a server on ::1 only while localhost resolves IPv4 first' {
        $server = Start-Listener ([ipaddress]::IPv6Loopback)
        try {
            $port = $server.LocalEndpoint.Port
            $wait = Invoke-WithHosts "127.0.0.1 localhost`n::1 localhost`n" "[System.Net.Dns]::GetHostAddresses('localhost') | ForEach-Object { `$_.ToString() } ; Wait-LocalhostConnection -Port $port -TimeoutSec 10" -PreferIPv4
            $wait[0..1] | Should -Be @('127.0.0.1', '::1') -Because 'the child''s resolver reads the test''s hosts file'
            $wait[2].PSObject.TypeNames[0] | Should -Be 'Deserialized.LoopbackTools.LocalhostConnectionWait'
            $wait[2].RemoteAddress | Should -Be '::1'
            $wait[2].HostName | Should -Be 'localhost'
        }
        finally { $server.Stop() }
    }

    It 'finds a server on 127.0.0.1 only while localhost resolves IPv6 first' {
        $server = Start-Listener ([ipaddress]::Loopback)
        try {
            $port = $server.LocalEndpoint.Port
            $wait = Invoke-WithHosts "::1 localhost`n127.0.0.1 localhost`n" "[System.Net.Dns]::GetHostAddresses('localhost') | ForEach-Object { `$_.ToString() } ; Wait-LocalhostConnection -Port $port -TimeoutSec 10"
            $wait[0..1] | Should -Be @('::1', '127.0.0.1')
            $wait[2].RemoteAddress | Should -Be '127.0.0.1'
        }
        finally { $server.Stop() }
    }

    It 'names the first-address trap in the timeout error when -Http gets no accepted status at any address' {
        $server = Start-Listener ([ipaddress]::Loopback) # accepts, never answers HTTP
        try {
            $port = $server.LocalEndpoint.Port
            $said = Invoke-WithHosts "::1 localhost`n127.0.0.1 localhost`n" "try { Wait-LocalhostConnection -Port $port -TimeoutSec 1 -Http } catch { `$_.FullyQualifiedErrorId; `$_.ErrorDetails.Message }"
            $said[0] | Should -BeLike 'Connection.WaitTimedOut,*'
            $said[1] | Should -BeLike "*Connect step (Fail): first-address trap: localhost resolves to ::1 first, which refuses, and only 127.0.0.1 accepts*"
        }
        finally { $server.Stop() }
    }
}

Describe 'Wait-LocalhostConnection progress and Ctrl+C' {
    It 'reports progress while it waits, then completes it' {
        $shell = New-ModuleRunspace "Wait-LocalhostConnection -Port $(Get-FreePort) -HostName 127.0.0.1 -TimeoutSec 2 -Quiet"
        $shell.Invoke() | Should -Be $false
        $records = @($shell.Streams.Progress)
        $records.Count | Should -BeGreaterThan 0
        $records[0].Activity | Should -Be 'Wait-LocalhostConnection'
        $records[0].StatusDescription | Should -BeLike 'Waiting for 127.0.0.1:* round *: 127.0.0.1 refuses'
        $records[-1].RecordType | Should -Be 'Completed'
        $shell.Dispose()
    }

    It 'stops at once on Ctrl+C' {
        $shell = New-ModuleRunspace "Wait-LocalhostConnection -Port $(Get-FreePort) -TimeoutSec 600"
        $async = $shell.BeginInvoke()
        Start-Sleep -Milliseconds 500
        $async.IsCompleted | Should -BeFalse
        $shell.Stop()
        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $async.IsCompleted | Should -BeTrue
        $shell.Dispose()
    }
}

Describe 'Wait-LocalhostConnection through a forwarder waits for the far end (issue 31): the docker compose recipe' -Tag 'Linux' {
    BeforeAll {
        $script:Image = if ($env:LOOPBACKTOOLS_TEST_IMAGE) { $env:LOOPBACKTOOLS_TEST_IMAGE } else { 'ci-bb:1' }
        $script:Containers = @()
        # busybox httpd in a container behind docker-proxy on 127.0.0.1:<free port>; -BindInside 127.0.0.1 binds the
        # container's own loopback, which nothing arriving through the bridge reaches: published, but dead.
        function Start-WebContainer([string] $BindInside) {
            $name = Start-TestWebContainer -Image $script:Image -Prefix 'lbt-wait' -BindInside $BindInside
            $script:Containers += $name
            # The port is published (docker-proxy listens) once the engine reports it; httpd needs a moment more.
            for ($i = 0; $i -lt 50 -and -not (Test-ContainerPort -Name $name | Where-Object Published); $i++) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 500
            $name
        }
    }
    AfterAll { if ($script:Containers) { docker rm -f $script:Containers | Out-Null } }
    BeforeEach {
        Assert-TestComponent -Available ([bool]$env:DOCKER_HOST) -Because 'no container engine (DOCKER_HOST): run inside the seal'
    }

    It 'times out for an app bound to the container''s loopback although docker-proxy accepts, and says why' {
        $name = Start-WebContainer -BindInside 127.0.0.1
        $published = @(Test-ContainerPort -Name $name | Where-Object Published)
        $published.Count | Should -Be 1
        $published[0].Status | Should -Be 'Fail'
        # docker-proxy really accepts: a bare connect succeeds, which is what the wait used to take as ready.
        $client = [System.Net.Sockets.TcpClient]::new(); $client.Connect('127.0.0.1', $published[0].HostPort); $client.Connected | Should -BeTrue; $client.Dispose()
        $failure = $null
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try { Test-ContainerPort -Name $name | Where-Object Published | Wait-LocalhostConnection -TimeoutSec 2 } catch { $failure = $_ }
        $watch.Stop()
        $failure | Should -Not -BeNullOrEmpty -Because 'the app cannot be reached: the wait must not report it ready'
        $failure.FullyQualifiedErrorId | Should -BeLike 'Connection.WaitTimedOut,*'
        $failure.Exception.Message | Should -BeLike "*is accepted by docker-proxy (pid *), a forwarder, but its far end does not take the connection*"
        $failure.Exception.Message | Should -BeLike '*Container step (Fail)*'
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2 -Because 'the wait keeps its -TimeoutSec'
        Test-ContainerPort -Name $name | Where-Object Published | Wait-LocalhostConnection -TimeoutSec 2 -Quiet | Should -BeFalse
    }

    It 'the recipe as documented (Test-ContainerPort -All) does not call a loopback-bound container ready' {
        # Every running container's published ports: other test files may leave healthy or dead containers running,
        # so the assertion is about the kind of failure, which any dead-behind-docker-proxy port gives.
        $name = Start-WebContainer -BindInside 127.0.0.1
        (Test-ContainerPort -All | Where-Object Container -eq $name | Where-Object Published).Status | Should -Be 'Fail'
        $failure = $null
        try { Test-ContainerPort -All | Where-Object Published | Wait-LocalhostConnection -TimeoutSec 2 } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty -Because 'a published port whose app binds the container''s loopback is not ready'
        $failure.FullyQualifiedErrorId | Should -BeLike 'Connection.WaitTimedOut,*'
        $failure.Exception.Message | Should -BeLike '*is accepted by docker-proxy (pid *), a forwarder, but its far end does not take the connection*'
    }

    It 'returns for a healthy container behind the same proxy' {
        $name = Start-WebContainer
        $port = (Test-ContainerPort -Name $name | Where-Object Published).HostPort
        $wait = Test-ContainerPort -Name $name | Where-Object Published | Wait-LocalhostConnection -TimeoutSec 10
        $wait.Port | Should -Be $port
        $wait.RemoteAddress | Should -Be '127.0.0.1'
        Wait-LocalhostConnection -Port $port -TimeoutSec 10 -Quiet | Should -BeTrue
    }

    It 'still returns at once for a plain listener: no forwarder, no extra request' {
        $server = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0); $server.Start()
        try { (Wait-LocalhostConnection -Port $server.LocalEndpoint.Port -HostName 127.0.0.1 -TimeoutSec 2).Attempts | Should -Be 1 }
        finally { $server.Stop() }
    }
}
