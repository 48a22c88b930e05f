# The fault corpus's tools (tests/FaultCorpus.Tests.ps1, scenarios in tests/FaultCorpus/Scenarios.ps1): start real
# third-party servers with their output in files (design.md section 5), real clients that report success or failure,
# and the table the corpus writes. Runs only inside the seal (scripts/test.sh): every address here is loopback, a
# namespace the corpus made, or a bridge address the seal's own dockerd reports.

function New-CorpusWorld {
    <# The corpus's folder and shared servers' handles; Stop-CorpusWorld removes them. #>
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-corpus-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $folder | Out-Null
    [pscustomobject]@{ Folder = $folder; Processes = [System.Collections.Generic.List[object]]::new(); Tag = (Split-Path -Leaf $folder).Substring(11) }
}

function Get-CorpusPort {
    <# A TCP port the kernel says is free on both families now (a dual-stack probe). #>
    $probe = [System.Net.Sockets.TcpListener]::new([ipaddress]::IPv6Any, 0)
    $probe.Server.DualMode = $true
    $probe.Start()
    try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
}

function Start-CorpusProcess {
    <#
    Starts a server with stdout and stderr in files of the world's folder (a child that inherits the suite's pipe
    would keep the run from ending). -Command is one shell command line, run by sh (so quoting is sh's). Returns the
    process (sh execs the server, so its pid is the server's).
    #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Command)
    $out = Join-Path $World.Folder "$Name.out"
    # A script file: Start-Process joins -ArgumentList with spaces and .NET splits it again by Windows rules.
    Set-Content -Path "$out.sh" -Value "exec $Command"
    $process = Start-Process -FilePath /bin/sh -ArgumentList "$out.sh" -PassThru -RedirectStandardOutput $out -RedirectStandardError "$out.err"
    $World.Processes.Add($process)
    $process
}

function Stop-CorpusProcess {
    <# Stops one server: SIGCONT first (a paused server ignores nothing else), then the signal (nginx wants QUIT). #>
    param($Process, [string] $Signal = 'TERM')
    if (-not $Process -or $Process.HasExited) { return }
    & kill -CONT $Process.Id 2>$null
    & kill "-$Signal" $Process.Id 2>$null
    if (-not $Process.WaitForExit(5000)) { $Process.Kill($true); [void]$Process.WaitForExit(5000) }
}

function Stop-CorpusWorld {
    param($World)
    if (-not $World) { return }
    foreach ($process in $World.Processes) { Stop-CorpusProcess $process }
    Remove-Item -Recurse -Force $World.Folder -ErrorAction SilentlyContinue
}

function Wait-CorpusListener {
    <# Waits until something listens on the port (optionally in a namespace), per ss; false after -Seconds. #>
    param([Parameter(Mandatory)] [int] $Port, [string] $Namespace, [double] $Seconds = 5)
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $lines = if ($Namespace) { ip netns exec $Namespace ss -Hltn "sport = :$Port" 2>$null } else { ss -Hltn "sport = :$Port" 2>$null }
        if ($lines) { return $true }
        Start-Sleep -Milliseconds 25
    }
    $false
}

function Write-NginxConfig {
    <# An nginx config whose every path (pid, logs, *_temp_path) is in -Folder; -Servers is the http block's server text. #>
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [string] $Servers)
    $temp = 'client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi' | ForEach-Object { "    ${_}_temp_path $Folder/$_;" }
    $text = @"
daemon off;
worker_processes 1;
pid $Folder/nginx.pid;
error_log $Folder/error.log;
events { worker_connections 64; }
http {
    access_log off;
$($temp -join "`n")
$Servers
}
"@
    New-Item -ItemType Directory -Force -Path $Folder | Out-Null
    Set-Content -Path "$Folder/nginx.conf" -Value $text
    "$Folder/nginx.conf"
}

function Start-CorpusNginx {
    <# Starts nginx (debian's nginx-light) on its own config; waits for -Port. Stop with Stop-CorpusProcess -Signal QUIT. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Servers, [Parameter(Mandatory)] [int] $Port)
    $folder = Join-Path $World.Folder $Name
    $config = Write-NginxConfig -Folder $folder -Servers $Servers
    $process = Start-CorpusProcess $World $Name "nginx -c '$config' -p '$folder'"
    if (-not (Wait-CorpusListener -Port $Port)) { throw "nginx $Name did not listen on ${Port}: $(Get-Content -Raw "$folder/error.log" -ErrorAction SilentlyContinue)" }
    [pscustomobject]@{ Process = $process; Folder = $folder }
}

function Update-CorpusNginx {
    <# Rewrites the server text and reloads nginx (SIGHUP: the master re-reads the config and rebinds). #>
    param([Parameter(Mandatory)] $Nginx, [Parameter(Mandatory)] [string] $Servers)
    Write-NginxConfig -Folder $Nginx.Folder -Servers $Servers | Out-Null
    & kill -HUP $Nginx.Process.Id
    Start-Sleep -Milliseconds 300
}

function Start-CorpusRedis {
    <# redis-server on -Bind addresses, no persistence, its dir in the world's folder. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Port, [string] $Bind = '127.0.0.1 ::1', [string] $Extra = '')
    $dir = Join-Path $World.Folder $Name
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    $process = Start-CorpusProcess $World $Name "redis-server --port $Port --bind $Bind --save '' --appendonly no --dir '$dir' $Extra"
    if (-not (Wait-CorpusListener -Port $Port)) { throw "redis $Name did not listen on $Port" }
    $process
}

function Start-CorpusPython {
    <# python3 -m http.server on -Bind (one address), serving the world's folder; -Namespace runs it in an ip netns; -User runs it as that uid. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Port, [string] $Bind = '127.0.0.1', [string] $Namespace, [string] $User, [switch] $NoWait)
    $command = "/usr/bin/python3 -m http.server $Port --bind $Bind --directory '$($World.Folder)'"
    if ($User) { $command = "setpriv --reuid=$User --regid=$User --clear-groups $command" }
    if ($Namespace) { $command = "ip netns exec $Namespace $command" }
    $process = Start-CorpusProcess $World $Name $command
    if (-not $NoWait -and -not (Wait-CorpusListener -Port $Port -Namespace $Namespace)) { throw "python $Name did not listen on ${Bind}:$Port" }
    $process
}

function Start-CorpusNode {
    <# node's http server on -Bind answering -StatusCode to every request. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Port, [string] $Bind = '127.0.0.1', [int] $StatusCode = 200)
    $script = Join-Path $World.Folder "$Name.js"
    Set-Content -Path $script -Value "require('http').createServer((q, r) => { r.statusCode = $StatusCode; r.end('node says $StatusCode\n'); }).listen($Port, '$Bind');"
    $process = Start-CorpusProcess $World $Name "node '$script'"
    if (-not (Wait-CorpusListener -Port $Port)) { throw "node $Name did not listen on ${Bind}:$Port" }
    $process
}

# ---- real clients: each returns $true when the client got what it asked for -------------------------------------

function Test-CurlClient {
    <# curl (resolves localhost itself): true on any HTTP status below 400. #>
    param([Parameter(Mandatory)] [string] $Url, [string[]] $Option = @())
    $code = & curl -s -o /dev/null -m 1.5 -w '%{http_code}' @Option $Url 2>$null
    [int]$code -gt 0 -and [int]$code -lt 400
}

function Test-NodeFetchClient {
    <# node's fetch (asks the OS resolver through dns.lookup): true on an ok response. #>
    param([Parameter(Mandatory)] [string] $Url)
    # exitCode 4 unless the fetch settles: on docker-proxy's empty reply node 20's fetch never settles and node exits 0.
    & node -e "process.exitCode = 4; fetch('$Url', { signal: AbortSignal.timeout(1500) }).then(r => { process.exitCode = r.ok ? 0 : 3 }, () => { process.exitCode = 2 })" 2>$null
    $LASTEXITCODE -eq 0
}

function Test-RequestsClient {
    <# Debian's python3-requests (the OS resolver, proxy variables honoured): true on an ok response. #>
    param([Parameter(Mandatory)] [string] $Url, [string] $Namespace)
    $code = "import requests,sys`ntry:`n    sys.exit(0 if requests.get('$Url', timeout=1.5).ok else 3)`nexcept Exception as e:`n    print(e); sys.exit(2)"
    if ($Namespace) { & ip netns exec $Namespace /usr/bin/python3 -c $code *>$null } else { & /usr/bin/python3 -c $code *>$null }
    $LASTEXITCODE -eq 0
}

function Test-RedisClient {
    <# redis-cli PING (the OS resolver for -h): true when redis answers PONG. #>
    param([Parameter(Mandatory)] [int] $Port, [string] $HostName = 'localhost')
    $answer = & timeout 1.5 redis-cli -h $HostName -p $Port PING 2>$null
    "$answer" -eq 'PONG'
}

# ---- the check in another world ---------------------------------------------------------------------------------

function Start-CorpusChild {
    <#
    Starts a pwsh under -Prefix (ip netns exec NS) with the module imported, which runs each command that
    Invoke-CorpusChild hands it and returns its rows (Step, Status, Finding) through Export-Clixml: the check then
    measures that namespace, not the suite's (a socket belongs to the namespace of the thread that made it, so this
    process cannot check another one). One child serves a scenario's checks before and after the remedy, and starts
    while the client runs: pwsh's start-up is the corpus's dearest step.
    #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Prefix)
    $folder = Join-Path $World.Folder ('child-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory $folder | Out-Null
    $module = if ($env:LOOPBACKTOOLS_MODULE) { $env:LOOPBACKTOOLS_MODULE } else { Join-Path $PSScriptRoot '../../out/LoopbackTools' }
    # Step and Status as text: enums come back from Export-Clixml as their numbers. Ends on the file 'stop', or after 2 minutes.
    Set-Content -Path "$folder/serve.ps1" -Value @"
Import-Module '$module'
`$deadline = [DateTime]::UtcNow.AddMinutes(2)
for (`$n = 1; [DateTime]::UtcNow -lt `$deadline -and -not (Test-Path '$folder/stop'); ) {
    if (-not (Test-Path "$folder/request-`$n.ps1")) { Start-Sleep -Milliseconds 20; continue }
    & ([scriptblock]::Create((Get-Content -Raw "$folder/request-`$n.ps1"))) | Select-Object @{ n = 'Step'; e = { "`$(`$_.Step)" } }, @{ n = 'Status'; e = { "`$(`$_.Status)" } }, Finding |
        Export-Clixml "$folder/rows-`$n.tmp"
    Move-Item "$folder/rows-`$n.tmp" "$folder/rows-`$n.xml"
    `$n++
}
"@
    # A dotnet-tool pwsh runs as dotnet + pwsh.dll; an installed one is its own executable.
    $exe = (Get-Process -Id $PID).Path
    $pwsh = if ((Split-Path -Leaf $exe) -like 'dotnet*') { "'$exe' '$PSHOME/pwsh.dll'" } else { "'$exe'" }
    $process = Start-CorpusProcess $World (Split-Path -Leaf $folder) "$Prefix $pwsh -NoProfile -NonInteractive -File '$folder/serve.ps1'"
    [pscustomobject]@{ Folder = $folder; Process = $process; Next = 1 }
}

function Invoke-CorpusChild {
    <# Runs $Command in the child of Start-CorpusChild and returns its rows. #>
    param([Parameter(Mandatory)] $Child, [Parameter(Mandatory)] [string] $Command)
    $n = $Child.Next
    $Child.Next++
    Set-Content -Path "$($Child.Folder)/request-$n.tmp" -Value $Command
    Move-Item "$($Child.Folder)/request-$n.tmp" "$($Child.Folder)/request-$n.ps1"
    $deadline = [DateTime]::UtcNow.AddSeconds(90)
    while (-not (Test-Path "$($Child.Folder)/rows-$n.xml")) {
        if ($Child.Process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            throw "the child pwsh answered nothing: $(Get-Content -Raw "$($Child.Folder).out.err" -ErrorAction SilentlyContinue)"
        }
        Start-Sleep -Milliseconds 20
    }
    Import-Clixml "$($Child.Folder)/rows-$n.xml"
}

function Stop-CorpusChild {
    param($Child)
    if (-not $Child) { return }
    New-Item -ItemType File "$($Child.Folder)/stop" -Force | Out-Null
    if (-not $Child.Process.WaitForExit(5000)) { Stop-CorpusProcess $Child.Process }
}

function New-NginxServer {
    <# An nginx server block serving the world's www folder on 127.0.0.1 and ::1 at -Port, or on -Listen only. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [int] $Port, [string] $Listen)
    $listens = if ($Listen) { "listen $Listen;" } else { "listen 127.0.0.1:$Port; listen [::1]:$Port;" }
    "    server { $listens root $($World.WwwRoot); }"
}

function Start-CorpusSshForward {
    <# openssh's ssh -L PORT:127.0.0.1:FAR through the seal's fleet sshd (scripts/start-fleet.sh), bound to localhost (both families). #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [int] $Far)
    $target = ($env:LBT_FLEET -split ',')[0]
    $options = "-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile='$env:LBT_SSH_KNOWN_HOSTS' -o IdentitiesOnly=yes -o ExitOnForwardFailure=yes -i '$env:LBT_SSH_KEY'"
    $process = Start-CorpusProcess $World $Name "ssh -N $options -L ${Port}:127.0.0.1:$Far root@$target"
    if (-not (Wait-CorpusListener -Port $Port)) { throw "ssh -L $Port did not listen: $(Get-Content -Raw "$($World.Folder)/$Name.out.err")" }
    $process
}

function Start-CorpusContainer {
    <#
    A container of LOOPBACKTOOLS_TEST_IMAGE (busybox): by default busybox httpd -f -p <Listen> -h /www; -Publish is
    docker's -p values, one -p each ('' publishes nothing); -AddHost adds host.docker.internal:host-gateway. Returns its name.
    #>
    param([Parameter(Mandatory)] $World, [string[]] $Publish = @(), [string] $Listen = '8080', [switch] $AddHost, [string] $Command)
    $name = "lbt-corpus-$($World.Tag)-" + [guid]::NewGuid().ToString('N').Substring(0, 6)
    $arguments = @('run', '-d', '--pull=never', '--name', $name)
    foreach ($p in $Publish) { if ($p) { $arguments += '-p', $p } }
    if ($AddHost) { $arguments += '--add-host=host.docker.internal:host-gateway' }
    $arguments += $env:LOOPBACKTOOLS_TEST_IMAGE
    $arguments += if ($Command) { $Command -split ' ' } else { 'busybox', 'httpd', '-f', '-p', $Listen, '-h', '/www' }
    docker @arguments 2>$null | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "docker $arguments failed" }
    $name
}

function Get-CorpusHostPort {
    <# The host port docker published for the container's -Port. #>
    param([Parameter(Mandatory)] [string] $Container, [Parameter(Mandatory)] [int] $Port)
    $line = @(docker port $Container "$Port/tcp" 2>$null)[0]
    [int]($line -replace '^.*:', '')
}

function Wait-CorpusContainerListener {
    <# Waits until the container's app listens on -Port in its own network namespace (httpd starts after docker run returns). #>
    param([Parameter(Mandatory)] [string] $Container, [Parameter(Mandatory)] [int] $Port)
    $pid1 = docker inspect -f '{{.State.Pid}}' $Container
    for ($i = 0; $i -lt 100; $i++) {
        if (nsenter -n -t $pid1 ss -Hltn "sport = :$Port" 2>$null) { return }
        Start-Sleep -Milliseconds 25
    }
    throw "$Container does not listen on $Port"
}

function Test-ContainerNcClient {
    <# busybox nc inside the container sends GET / to HOST:PORT: true on an HTTP 200 answer. #>
    param([Parameter(Mandatory)] [string] $Container, [Parameter(Mandatory)] [string] $HostName, [Parameter(Mandatory)] [int] $Port)
    $answer = "GET / HTTP/1.0`r`nHost: $HostName`r`n`r`n" | docker exec -i $Container busybox nc -w 2 $HostName $Port 2>$null
    "$answer" -match 'HTTP/1\.\d 200'
}

function Add-CorpusNftRule {
    <# A table of its own with an input chain and one rule 'iifname lo <Match> tcp dport PORT <Verdict>'; returns the table's name. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [string] $Verdict, [string] $Match = '')
    $table = "lbt_corpus_$($World.Tag)_$Port"
    nft add table inet $table
    nft add chain inet $table input '{ type filter hook input priority 0; }'
    Invoke-Expression "nft add rule inet $table input iifname lo $Match tcp dport $Port $Verdict"
    $table
}

function Lock-CorpusAcceptQueue {
    <#
    Stops the server (SIGSTOP: it no longer calls accept()) and opens idle connections to 127.0.0.1 and ::1 until the
    kernel reports every listening socket on the port full (ss: Recv-Q above its backlog, Send-Q); returns the
    sockets to keep (Unlock-CorpusAcceptQueue frees them). Judged by the kernel's count, not by a connect timing.
    #>
    param([Parameter(Mandatory)] $Process, [Parameter(Mandatory)] [int] $Port)
    & kill -STOP $Process.Id
    $held = [System.Collections.Generic.List[System.Net.Sockets.Socket]]::new()
    for ($i = 0; $i -lt 1100; $i++) {
        $queues = @(ss -Hltn "sport = :$Port" | ForEach-Object { , ($_.Trim() -split '\s+') })
        if ($queues.Count -and -not ($queues | Where-Object { [int]$_[1] -le [int]$_[2] })) { return , $held }
        foreach ($address in [ipaddress]::Loopback, [ipaddress]::IPv6Loopback) {
            $socket = [System.Net.Sockets.Socket]::new($address.AddressFamily, 'Stream', 'Tcp')
            $held.Add($socket)
            $null = $socket.ConnectAsync($address, $Port)
        }
        Start-Sleep -Milliseconds 20
    }
    throw "the accept queue of port $Port did not fill: $(ss -Hltn "sport = :$Port")"
}

function Unlock-CorpusAcceptQueue {
    param($Process, $Held)
    foreach ($socket in @($Held)) { if ($socket) { $socket.Dispose() } }
    if ($Held) { $Held.Clear() }
    if ($Process -and -not $Process.HasExited) { & kill -CONT $Process.Id }
    Start-Sleep -Milliseconds 200
}

function New-CorpusTimeWait {
    <# Leaves 127.0.0.1:PORT in TIME-WAIT: a client bound to it connects to -Target and closes first. #>
    param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [int] $Target)
    $socket = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
    $socket.SetSocketOption('Socket', 'ReuseAddress', $true)
    $socket.Bind([System.Net.IPEndPoint]::new([ipaddress]::Loopback, $Port))
    $socket.Connect([ipaddress]::Loopback, $Target)
    $socket.Shutdown('Both')
    $socket.Dispose()
    Start-Sleep -Milliseconds 200
}

function Set-CorpusProxy {
    <# Sets HTTP_PROXY/http_proxy and NO_PROXY/no_proxy ($null clears) for this process and its children; returns the old values. #>
    param([string] $Proxy, [string] $NoProxy)
    # Ordinal keys: HTTP_PROXY and http_proxy are two variables on Linux (a hashtable would fold them into one).
    $saved = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
    foreach ($n in 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy') { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    foreach ($n in 'HTTP_PROXY', 'http_proxy') { [Environment]::SetEnvironmentVariable($n, $Proxy) }
    foreach ($n in 'NO_PROXY', 'no_proxy') { [Environment]::SetEnvironmentVariable($n, $NoProxy) }
    $saved
}

function Restore-CorpusProxy {
    param($Saved)
    if ($Saved) { foreach ($n in $Saved.Keys) { [Environment]::SetEnvironmentVariable($n, $Saved[$n]) } }
}

function Start-CorpusTinyproxy {
    <# tinyproxy on 127.0.0.1:PORT whose filter refuses localhost (as a proxy on another machine cannot reach your localhost). #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [int] $Port)
    $folder = Join-Path $World.Folder tinyproxy
    New-Item -ItemType Directory -Force -Path $folder | Out-Null
    & chmod 777 $folder
    Set-Content "$folder/filter" 'localhost'
    Set-Content "$folder/tinyproxy.conf" "Port $Port`nListen 127.0.0.1`nTimeout 10`nLogFile `"$folder/tinyproxy.log`"`nLogLevel Info`nMaxClients 20`nFilter `"$folder/filter`"`nFilterDefaultDeny No`n"
    $process = Start-CorpusProcess $World tinyproxy "tinyproxy -d -c '$folder/tinyproxy.conf'"
    if (-not (Wait-CorpusListener -Port $Port)) { throw "tinyproxy did not listen on $Port" }
    $process
}

function Start-CorpusDnsmasq {
    <# dnsmasq on 127.0.0.1:53 (the seal's resolv.conf server) answering app.localhost with -Answer. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Answer)
    $process = Start-CorpusProcess $World dnsmasq ("dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces " +
        "--listen-address=127.0.0.1 --port=53 --pid-file= --log-facility=- --user=root --address=/app.localhost/$Answer")
    if (-not (Wait-CorpusListener -Port 53)) { throw "dnsmasq did not listen on 53" }
    $process
}

function New-CorpusNamespace {
    <# A network namespace of the corpus, its lo up unless -Down. #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] [string] $Suffix, [switch] $Down)
    $name = "lbtc-$($World.Tag)-$Suffix"
    ip netns add $name
    if (-not $Down) { ip -n $name link set lo up }
    $name
}

function Test-NodeFirstAddressClient {
    <# node's net.connect to localhost without autoSelectFamily (Node 17-19's behaviour): only the first address the OS gives. #>
    param([Parameter(Mandatory)] [int] $Port, [string] $Namespace)
    $code = "const s = require('net').connect({ host: 'localhost', port: $Port, autoSelectFamily: false }); s.setTimeout(1500, () => process.exit(2)); s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1));"
    if ($Namespace) { & ip netns exec $Namespace node -e $code 2>$null } else { & node -e $code 2>$null }
    $LASTEXITCODE -eq 0
}

function Set-CorpusHosts {
    <#
    Binds a file holding -Text over /etc/hosts of this mount namespace (the seal's own, private: scripts/sealed-suites.sh),
    replacing the scenario's earlier one; the check, in this process, and every client then read it through glibc.
    Clear-CorpusHosts removes it again. Faster than a child pwsh in its own mount namespace (about 2 s each).
    #>
    param([Parameter(Mandatory)] $World, [Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string] $Text)
    if (-not $env:LBT_SEALED) { throw 'Set-CorpusHosts binds over /etc/hosts: only inside the seal' }
    Clear-CorpusHosts $State
    $file = Join-Path $World.Folder ('hosts-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    Set-Content -Path $file -Value $Text -NoNewline
    & mount --bind $file /etc/hosts
    if ($LASTEXITCODE -ne 0) { throw "mount --bind $file /etc/hosts failed" }
    $State.HostsMounted = $true
}

function Clear-CorpusHosts {
    param($State)
    if ($State.HostsMounted) { & umount /etc/hosts; $State.HostsMounted = $false }
}

# ---- what the corpus judges -------------------------------------------------------------------------------------

function ConvertTo-CorpusFinding {
    <# The check's rows as (Step, Status, Finding): checklist steps as they are, Test-ContainerPort rows as step ContainerPort. #>
    param([object[]] $Rows)
    foreach ($row in $Rows) {
        $step = if ($row.PSObject.Properties['Step']) { "$($row.Step)" } else { 'ContainerPort' }
        [pscustomobject]@{ Step = $step; Status = "$($row.Status)"; Finding = "$($row.Finding)" }
    }
}

function Format-CorpusTable {
    <#
    The corpus's table: one line a scenario (scenario, kind, named?, remedy verified?, expected cause and step) and the closing
    line "faults named N/M, false alarms K/H". A fault counts as named when its step says the cause; a control as a
    false alarm when any step failed.
    #>
    param([Parameter(Mandatory)] [object[]] $Result)
    $faults = @($Result | Where-Object Kind -eq 'Fault')
    $controls = @($Result | Where-Object Kind -eq 'Control')
    $lines = [System.Collections.Generic.List[string]]::new()
    $format = '{0,-34} {1,-7} {2,-5} {3,-7} {4}'
    $lines.Add(($format -f 'Scenario', 'Kind', 'Named', 'Remedy', 'Expected cause (step that names it)'))
    foreach ($r in $Result) {
        $cause = if ($r.Kind -eq 'Control') { 'healthy: no step may Fail' } else { "$($r.Cause) ($($r.Step))" }
        $named = if ($r.Kind -eq 'Control') { if ($r.FalseAlarm) { 'FALSE' } else { 'ok' } } elseif ($r.Named) { 'yes' } else { 'NO' }
        $lines.Add(($format -f $r.Id, $r.Kind, $named, $r.Remedy, $cause))
    }
    $named = @($faults | Where-Object Named).Count
    $alarms = @($controls | Where-Object FalseAlarm).Count
    $lines.Add("faults named $named/$($faults.Count), false alarms $alarms/$($controls.Count)")
    $lines
}

Export-ModuleMember -Function *
