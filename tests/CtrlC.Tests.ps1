# Pester 5 over the packaged module: Ctrl+C ends every cmdlet at once, whatever its worker is blocked in (issue 29).
# Each cmdlet runs in its own [powershell] (New-ModuleRunspace) against a real thing that never answers: a TCP port
# that accepts and never replies, a DNS server that never answers, an engine socket that never answers, a FIFO nobody
# writes (a hosts file, or a process's /proc/PID/ns/net under a bind mount). The test waits until the worker is
# inside that wait (the server saw the request; a thread of this process sleeps in the kernel's FIFO open), calls
# Stop, and asserts Stop returned and the instance is Stopped within a bound far below the worker's own timeout
# (every worker timeout here is 300 s or more), so it cannot have waited for the worker.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    # Stop must return well within this; the workers would wait 300 s or more.
    $script:StopBudgetMs = 5000

    function Wait-Condition([scriptblock] $Condition, [string] $What) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while ($clock.Elapsed.TotalSeconds -lt 30) {
            if (& $Condition) { return }
            Start-Sleep -Milliseconds 20
        }
        throw "not reached in 30 s: $What"
    }

    # A listening socket whose clients are accepted and never answered; true once one of them has sent a byte.
    function Test-RequestArrived([System.Net.Sockets.Socket] $Listener, [System.Collections.Generic.List[System.Net.Sockets.Socket]] $Accepted) {
        while ($Listener.Poll(0, [System.Net.Sockets.SelectMode]::SelectRead)) { $Accepted.Add($Listener.Accept()) }
        foreach ($client in $Accepted) { if ($client.Available -gt 0) { return $true } }
        $false
    }

    # True while a thread of this process sleeps in open(2) of a FIFO that has no writer (the kernel's wait_for_partner).
    function Test-FifoOpenBlocked {
        foreach ($task in Get-ChildItem "/proc/$PID/task" -Directory) {
            $wchan = Get-Content -Raw -LiteralPath "$($task.FullName)/wchan" -ErrorAction SilentlyContinue
            if ($wchan -eq 'wait_for_partner') { return $true }
        }
        $false
    }

    function Assert-StopsPromptly([powershell] $Shell, [System.IAsyncResult] $Async, [string] $Command) {
        $Shell.InvocationStateInfo.State | Should -Be 'Running' -Because "$Command must still be blocked when Stop is called"
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $stopping = $Shell.BeginStop($null, $null)
        $stopped = $stopping.AsyncWaitHandle.WaitOne($script:StopBudgetMs)
        $clock.Stop()
        Write-Host "Ctrl+C: $Command stopped in $($clock.ElapsedMilliseconds) ms"
        $stopped | Should -BeTrue -Because "Stop of $Command took more than $($script:StopBudgetMs) ms"
        $Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $Async.IsCompleted | Should -BeTrue
    }
}

Describe 'Ctrl+C on every cmdlet blocked in a wait that never ends' -Tag 'Linux' {
    Context 'a socket that never answers' {
        BeforeEach {
            $script:Accepted = [System.Collections.Generic.List[System.Net.Sockets.Socket]]::new()
        }
        AfterEach {
            $script:Accepted | ForEach-Object { $_.Dispose() }
            if ($script:Listener) { $script:Listener.Dispose() }
        }

        It 'stops <Command> waiting for <Wait>' -ForEach @(
            @{ Command = 'Test-LocalhostConnection'; Wait = 'an HTTP answer from a port that accepts and never replies'; Script = 'Test-LocalhostConnection -Name 127.0.0.1 -Port {0} -Http -TimeoutSec 300' }
            @{ Command = 'Wait-LocalhostConnection'; Wait = 'an HTTP answer from a port that accepts and never replies'; Script = 'Wait-LocalhostConnection -HostName 127.0.0.1 -Port {0} -Http -TimeoutSec 3600' }
            @{ Command = 'Test-LocalhostCertificate'; Wait = 'a TLS server hello from a port that accepts and never replies'; Script = 'Test-LocalhostCertificate -Name 127.0.0.1 -Port {0} -TimeoutSec 300' }
        ) {
            $script:Listener = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::InterNetwork, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Tcp)
            $script:Listener.Bind([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
            $script:Listener.Listen(16)
            $shell = New-ModuleRunspace ($Script -f $script:Listener.LocalEndPoint.Port)
            try {
                $async = $shell.BeginInvoke()
                Wait-Condition { Test-RequestArrived $script:Listener $script:Accepted } "$Command sends its request"
                Assert-StopsPromptly $shell $async $Command
            }
            finally { $shell.Dispose() }
        }

        It 'stops <Command> waiting for a container engine socket that accepts and never answers' -ForEach @(
            @{ Command = 'Test-ContainerPort'; Script = 'Test-ContainerPort -Engine unix://{0} -All -TimeoutSec 300' }
            @{ Command = 'Test-ContainerConnection'; Script = 'Test-ContainerConnection -Engine unix://{0} -Name app -Port 80 -TimeoutSec 300' }
        ) {
            $path = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-silent-engine-' + [guid]::NewGuid().ToString('N') + '.sock')
            $script:Listener = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified)
            $script:Listener.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($path))
            $script:Listener.Listen(16)
            $shell = New-ModuleRunspace ($Script -f $path)
            try {
                $async = $shell.BeginInvoke()
                Wait-Condition { Test-RequestArrived $script:Listener $script:Accepted } "$Command sends its request to the engine"
                Assert-StopsPromptly $shell $async $Command
            }
            finally {
                $shell.Dispose()
                Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue
            }
        }

        It 'stops Test-LocalhostResolution waiting for a DNS server that never answers' {
            $silent = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::InterNetwork, [System.Net.Sockets.SocketType]::Dgram, [System.Net.Sockets.ProtocolType]::Udp)
            $silent.Bind([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
            $shell = New-ModuleRunspace "Test-LocalhostResolution -Name app.test -Layer DnsServer -DnsServer 127.0.0.1:$($silent.LocalEndPoint.Port) -TimeoutSec 300"
            try {
                $async = $shell.BeginInvoke()
                Wait-Condition { $silent.Available -gt 0 } 'the DNS question arrives'
                Assert-StopsPromptly $shell $async 'Test-LocalhostResolution'
            }
            finally {
                $shell.Dispose()
                $silent.Dispose()
            }
        }
    }

    Context 'a FIFO nobody writes' {
        BeforeEach {
            Assert-TestComponent -Available ([bool]$env:LBT_SEALED -and (& id -u) -eq '0') -Because 'bind-mounts over /proc/PID in the seal''s private mount namespace: run scripts/test.sh as root'
        }

        It 'stops Get-HostsEntry opening a hosts file that is a FIFO' {
            $fifo = Join-Path $TestDrive ('hosts-fifo-' + [guid]::NewGuid().ToString('N'))
            mkfifo $fifo
            $shell = New-ModuleRunspace "Get-HostsEntry -LiteralPath '$fifo'"
            try {
                $async = $shell.BeginInvoke()
                Wait-Condition { Test-FifoOpenBlocked } 'Get-HostsEntry opens the FIFO'
                Assert-StopsPromptly $shell $async 'Get-HostsEntry'
            }
            finally {
                timeout 2 bash -c ": > '$fifo'" # lets the abandoned worker's open return
                $shell.Dispose()
            }
        }

        # /etc/resolv.conf covered by a FIFO (in the seal's own mount namespace) for the moment of the test: the servers
        # -Verbose names are read before any question is asked.
        It 'stops Test-LocalhostResolution reading /etc/resolv.conf that is a FIFO' {
            $fifo = Join-Path $TestDrive ('resolv-fifo-' + [guid]::NewGuid().ToString('N'))
            mkfifo $fifo
            mount --bind $fifo /etc/resolv.conf
            $shell = New-ModuleRunspace 'Test-LocalhostResolution -Name app.test -Layer DnsServer -TimeoutSec 300'
            try {
                $async = $shell.BeginInvoke()
                Wait-Condition { Test-FifoOpenBlocked } 'Test-LocalhostResolution opens /etc/resolv.conf'
                Assert-StopsPromptly $shell $async 'Test-LocalhostResolution (resolv.conf)'
            }
            finally {
                timeout 2 bash -c ": > '$fifo'"
                umount /etc/resolv.conf
                $shell.Dispose()
            }
        }

        # The process's /proc/PID is covered (in the seal's own mount namespace) by a folder whose ns/net is a FIFO,
        # so entering its network namespace blocks in open(2).
        It 'stops <Command> entering the network namespace of a process whose /proc/PID/ns/net is a FIFO' -ForEach @(
            @{ Command = 'Get-LoopbackListener'; Script = 'Get-LoopbackListener -NetworkNamespaceOf {0} -NoProcess' }
            @{ Command = 'Get-LoopbackInterface'; Script = 'Get-LoopbackInterface -NetworkNamespaceOf {0}' }
        ) {
            $sleeper = Start-Process -FilePath sleep -ArgumentList 600 -PassThru
            $fake = Join-Path $TestDrive ('proc-' + [guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory "$fake/ns" | Out-Null
            mkfifo "$fake/ns/net"
            mount --bind $fake "/proc/$($sleeper.Id)"
            $shell = New-ModuleRunspace ($Script -f $sleeper.Id)
            try {
                $async = $shell.BeginInvoke()
                Wait-Condition { Test-FifoOpenBlocked } "$Command opens /proc/$($sleeper.Id)/ns/net"
                Assert-StopsPromptly $shell $async $Command
            }
            finally {
                timeout 2 bash -c ": > '$fake/ns/net'"
                $shell.Dispose()
                umount "/proc/$($sleeper.Id)"
                Stop-TestProcess $sleeper
            }
        }
    }
}
