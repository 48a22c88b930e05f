# Shared Pester helpers: import with `Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force` in a
# BeforeAll. Real components only: free ports from the kernel, a real dnsmasq, real containers on DOCKER_HOST.

function Get-ModuleUnderTest {
    <# The packaged module folder: LOOPBACKTOOLS_MODULE (set by scripts/run-pester.sh), else out/LoopbackTools of this tree. #>
    if ($env:LOOPBACKTOOLS_MODULE) { $env:LOOPBACKTOOLS_MODULE } else { Join-Path $PSScriptRoot '../out/LoopbackTools' }
}

function Import-LoopbackToolsModule {
    <# Imports the packaged module (Get-ModuleUnderTest) into the test's session; returns its folder. #>
    $path = Get-ModuleUnderTest
    Import-Module $path -Force -Global -ErrorAction Stop
    $path
}

function Invoke-ChildPowerShell {
    <# Runs the PowerShell that runs this test as a child process with these arguments (a dotnet-tool pwsh runs as
       "dotnet pwsh.dll"); returns its output, errors included. #>
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    $exe = (Get-Process -Id $PID).Path
    if ((Split-Path -Leaf $exe) -like 'dotnet*') { & $exe "$PSHOME/pwsh.dll" @Arguments 2>&1 } else { & $exe @Arguments 2>&1 }
}

function Start-TestWebContainer {
    <# Starts a busybox httpd container on port 8080 published on 127.0.0.1 (on -HostPort, else a port the engine
       picks); -BindInside 127.0.0.1 makes the app listen on the container's own loopback only. Returns its name. #>
    param([Parameter(Mandatory)] [string] $Image, [string] $Prefix = 'lbt', [string] $BindInside, [int] $HostPort)
    $name = "$Prefix-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $listen = if ($BindInside) { "${BindInside}:8080" } else { '8080' }
    $publish = if ($HostPort) { "127.0.0.1:${HostPort}:8080" } else { '127.0.0.1::8080' }
    docker run -d --pull=never --name $name -p $publish $Image busybox httpd -f -p $listen -h /www | Out-Null
    $name
}

function Get-FreePort {
    <# A TCP port on 127.0.0.1 the kernel says is free now. #>
    $probe = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $probe.Start()
    try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
}

function Start-TestDnsmasq {
    <#
    Starts dnsmasq on 127.0.0.1:<free port> with the records of design.md (localhost deliberately answered with
    203.0.113.7 and 2001:db8::7; good.test with loopback) and waits until it answers. Returns @{ Server; Process },
    or $null when dnsmasq is not installed. Stop it with Stop-TestProcess. -Address and -Port put it elsewhere
    (127.0.0.53 and 53: where a resolv.conf can name it); -LogQueries logs every question to the file in Log.
    #>
    param([string] $Address = '127.0.0.1', [int] $Port, [switch] $LogQueries)
    $dnsmasq = Get-Command dnsmasq -ErrorAction SilentlyContinue
    if (-not $dnsmasq -and (Test-Path /usr/sbin/dnsmasq)) { $dnsmasq = Get-Command /usr/sbin/dnsmasq }
    if (-not $dnsmasq) { return $null }
    $port = if ($Port) { $Port } else { Get-FreePort }
    $arguments = @(
        '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--bind-interfaces',
        "--listen-address=$Address", "--port=$port", '--pid-file=', '--log-facility=-',
        '--local=/localhost/', '--local=/test/', '--host-record=localhost,203.0.113.7,2001:db8::7', '--host-record=good.test,127.0.0.1,::1')
    # As root, dnsmasq would drop to nobody, whose group may be missing (docs/decisions.md 8).
    if ((& id -u) -eq '0') { $arguments += '--user=root' }
    if ($LogQueries) { $arguments += '--log-queries' }
    $log = [System.IO.Path]::GetTempFileName() # --log-facility=- writes to stderr
    $process = Start-Process -FilePath $dnsmasq.Source -ArgumentList $arguments -PassThru -RedirectStandardError $log
    $server = "${Address}:$port"
    foreach ($attempt in 1..100) {
        $ready = Test-LocalhostResolution -Name good.test -Layer DnsServer -DnsServer $server -TimeoutSec 1
        if ($ready.Status -eq 'Pass') { break }
        Start-Sleep -Milliseconds 50
    }
    [pscustomobject]@{ Server = $server; Process = $process; Log = $log }
}

function Start-TestTlsServer {
    <#
    Serves a self-signed leaf (CN=localhost; DNS:localhost, IP:127.0.0.1) with openssl s_server -www on
    127.0.0.1:<free port>, optionally already expired. Returns @{ Port; Process; Certificate (its PEM path) }, or
    $null when openssl is not installed. Stop it with Stop-TestProcess.
    #>
    param([switch] $Expired)
    $openssl = Get-Command openssl -ErrorAction SilentlyContinue
    if (-not $openssl) { return $null }
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) "lbt-tls-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $folder | Out-Null
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=localhost', $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $names.AddDnsName('localhost'); $names.AddIpAddress([ipaddress]::Loopback)
    $request.CertificateExtensions.Add($names.Build())
    $from = if ($Expired) { [datetimeoffset]::UtcNow.AddDays(-30) } else { [datetimeoffset]::UtcNow.AddDays(-1) }
    $until = if ($Expired) { [datetimeoffset]::UtcNow.AddDays(-3) } else { [datetimeoffset]::UtcNow.AddDays(60) }
    $certificate = $request.CreateSelfSigned($from, $until)
    Set-Content -Path "$folder/leaf.pem" -Value $certificate.ExportCertificatePem()
    Set-Content -Path "$folder/leaf.key" -Value $key.ExportPkcs8PrivateKeyPem()
    $port = Get-FreePort
    $process = Start-Process -FilePath $openssl.Source -ArgumentList "s_server -accept 127.0.0.1:$port -cert $folder/leaf.pem -key $folder/leaf.key -www -quiet" -PassThru `
        -RedirectStandardOutput "$folder/out.log" -RedirectStandardError "$folder/err.log"
    foreach ($attempt in 1..100) {
        try { $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $client.Dispose(); break } catch { Start-Sleep -Milliseconds 50 }
    }
    [pscustomobject]@{ Port = $port; Process = $process; Certificate = "$folder/leaf.pem" }
}

function Stop-TestProcess([System.Diagnostics.Process] $Process) {
    <#
    Kills the process and its children. dnsmasq forks a child per TCP query that keeps the redirected stderr open
    for up to 150 s after its parent dies; WaitForExit() waits for that stream too, so killing only the parent made
    one -Tcp test wait 150 s.
    #>
    if ($Process -and -not $Process.HasExited) { $Process.Kill($true); [void]$Process.WaitForExit(10000) }
}

function Test-ContainerEngine {
    <# True when DOCKER_HOST (or the default socket) has a Linux engine the docker CLI can reach. #>
    if (-not ($env:DOCKER_HOST -or (Test-Path /var/run/docker.sock))) { return $false }
    if (-not (Get-Command docker -ErrorAction SilentlyContinue)) { return $false }
    (docker version --format '{{.Server.Os}}' 2>$null) -eq 'linux'
}

function Start-TestContainer {
    <#
    Starts a busybox httpd container from LOOPBACKTOOLS_TEST_IMAGE (ci-bb:1 in the sealed run) and returns its name.
    -Publish: docker's -p value (default 127.0.0.1::8080, an ephemeral host port), or '' to only expose 8080.
    -BindInside: the address httpd listens on inside (default all interfaces).
    #>
    param([string] $Publish = '127.0.0.1::8080', [string] $BindInside, [string] $Prefix = 'lbt-pester')
    $image = if ($env:LOOPBACKTOOLS_TEST_IMAGE) { $env:LOOPBACKTOOLS_TEST_IMAGE } else { 'busybox:1.36' }
    $name = $Prefix + '-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $listen = if ($BindInside) { "${BindInside}:8080" } else { '8080' }
    $ports = if ($Publish) { @('-p', $Publish) } else { @('--expose', '8080') }
    docker run -d --pull=never --name $name @ports $image busybox httpd -f -p $listen -h / 2>$null | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "docker run of $image failed" }
    $name
}

function Wait-ContainerListening([string[]] $Name) {
    <# httpd needs a moment after docker run returns: waits until no row of these containers says NotListening. #>
    for ($i = 0; $i -lt 50; $i++) {
        $rows = @(Test-ContainerPort -Name $Name)
        if (-not ($rows | Where-Object AppBindScope -eq 'NotListening')) { return $rows }
        Start-Sleep -Milliseconds 200
    }
    $rows
}

function Get-ViewLine {
    <# The lines PowerShell prints for these objects at -Width columns, trailing spaces and blank edges removed. #>
    param([Parameter(Mandatory)] [object[]] $InputObject, [Parameter(Mandatory)] [int] $Width)
    $text = $InputObject | Out-String -Width $Width
    @(($text -split "`r?`n" | ForEach-Object { $_.TrimEnd() }) -join "`n" -replace '^\n+|\n+$' -split "`n")
}

function Assert-WordsPrinted {
    <# Every word of each -Value (a finding) is in -Text whole, between spaces or line edges: wrapped, never cut. #>
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text, [AllowNull()] [object[]] $Value)
    foreach ($word in @($Value | Where-Object { $_ } | ForEach-Object { "$_" -split '\s+' } | Where-Object { $_ } | Sort-Object -Unique)) {
        $Text | Should -Match "(?m)(^|\s)$([regex]::Escape($word))(\s|$)" -Because "the word '$word' must be printed whole"
    }
}

function Get-DefaultViewControl([Parameter(Mandatory)] [string] $TypeName) {
    <# The control (TableControl, CustomControl...) of the first view the module defines for a type. #>
    $data = Get-FormatData -TypeName $TypeName
    if (-not $data) { throw "no format data for $TypeName" }
    $data.FormatViewDefinition[0].Control
}

function ConvertTo-StableReadmeBlock([string] $Text) {
    <#
    The README's rendered block with what changes from run to run made equal: process ids (the listener table's
    ProcessId column, "name (pid)", "name (pid N)" in findings), Wait-LocalhostConnection's elapsed time and round count, and Docker's proxy answering a request to a dead port with a reset or an empty
    reply (either is the same finding).
    #>
    $lines = foreach ($line in ($Text -replace "`r", '') -split "`n") {
        $line = $line.TrimEnd()
        $line = $line -replace '^((?:Tcp|Udp) +\S+ +\d+ +\S+) +\d+( |$)', '$1 PID$2'
        $line = $line -replace '\(\d+\)', '(PID)'
        $line = $line -replace '\(pid \d+\)', '(pid PID)'
        # Wait-LocalhostConnection: how long a wait took and how many rounds a timeout had differ from run to run.
        $line = $line -replace '\b\d+\.\d{3} s\b', 'N.NNN s' -replace '\(\d+ rounds;', '(N rounds;'
        $line -replace '\bEmptyReply\b', 'Reset'
    }
    ($lines -join "`n").Trim()
}

function Assert-TestComponent {
    <#
    Call in BeforeEach or It. When the component is missing the test fails under CI=true (a missing component must
    never pass unnoticed) and is skipped with the reason elsewhere (a developer's machine without root).
    #>
    param([Parameter(Mandatory)] [bool] $Available, [Parameter(Mandatory)] [string] $Because)
    if ($Available) { return }
    if ($env:CI -eq 'true') { throw "Required component unavailable: $Because" }
    Set-ItResult -Skipped -Because $Because
}

function Get-FleetConnection {
    <#
    Splat for Invoke-Command / New-PSSession over SSH to the test fleet (scripts/start-fleet.sh): the per-run client
    key and known_hosts file, key authentication only, never a prompt.
    #>
    param([Parameter(Mandatory)] [string[]] $HostName)
    @{
        HostName    = $HostName
        UserName    = 'root'
        KeyFilePath = $env:LBT_SSH_KEY
        Options     = @{ UserKnownHostsFile = $env:LBT_SSH_KNOWN_HOSTS; StrictHostKeyChecking = 'yes'; BatchMode = 'yes'; IdentitiesOnly = 'yes' }
    }
}

function Get-ViewColumn {
    <# The column headers of the table view the packaged format file defines for a type name, in order. #>
    param([Parameter(Mandatory)] [string] $TypeName)
    [xml] $format = Get-Content -Raw (Join-Path (Get-ModuleUnderTest) 'LoopbackTools.Format.ps1xml')
    $view = $format.Configuration.ViewDefinitions.View |
        Where-Object { $_.TableControl -and @($_.ViewSelectedBy.TypeName) -contains $TypeName } | Select-Object -First 1
    if (-not $view) { throw "no table view for $TypeName" }
    $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
    $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
    for ($i = 0; $i -lt $headers.Count; $i++) {
        if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName }
    }
}

function New-ModuleRunspace {
    <#
    A [powershell] in a fresh runspace with the module imported and $Script added, not yet started: for what a
    test cannot see from inside its own pipeline — progress records (.Streams.Progress) and Ctrl+C (.Stop()).
    #>
    param([Parameter(Mandatory)] [string] $Script)
    $shell = [powershell]::Create()
    $null = $shell.AddScript("Import-Module '$(Get-ModuleUnderTest)' -ErrorAction Stop").Invoke()
    $shell.Commands.Clear()
    $null = $shell.AddScript($Script)
    $shell
}

function Invoke-ModuleInChildPwsh {
    <#
    Runs $Command in a child pwsh with the module imported and returns what it printed (errors too), as text lines:
    for what only the host shows, such as -WhatIf messages.
    #>
    param([Parameter(Mandatory)] [string] $Command)
    Invoke-ChildPowerShell -NoProfile -NonInteractive -Command "Import-Module '$(Get-ModuleUnderTest)'; $Command"
}

function Invoke-WithEtcFile {
    <#
    Runs $Command in a child pwsh in a private mount namespace (unshare --mount, so root) where each key of $File,
    a file name under /etc (hosts, nsswitch.conf), is bind-mounted from its text: the real resolver of that process
    reads them, the rest of the run keeps its own. Returns the command's objects, through Export-Clixml.
    #>
    param([Parameter(Mandatory)] [hashtable] $File, [Parameter(Mandatory)] [string] $Command)
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-etc-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $folder | Out-Null
    $mounts = foreach ($name in $File.Keys) {
        Set-Content -Path "$folder/$name" -Value $File[$name] -NoNewline
        "mount --bind '$folder/$name' '/etc/$name' && "
    }
    Set-Content -Path "$folder/run.ps1" -Value "Import-Module '$(Get-ModuleUnderTest)'; $Command | Export-Clixml '$folder/rows.xml'"
    # A dotnet-tool pwsh runs as dotnet + pwsh.dll; an installed one is its own executable.
    $exe = (Get-Process -Id $PID).Path
    $pwsh = if ((Split-Path -Leaf $exe) -like 'dotnet*') { "'$exe' '$PSHOME/pwsh.dll'" } else { "'$exe'" }
    Set-Content -Path "$folder/run.sh" -Value ((-join $mounts) + "exec $pwsh -NoProfile -NonInteractive -File '$folder/run.ps1'")
    $said = & unshare --mount bash "$folder/run.sh" 2>&1
    if (-not (Test-Path "$folder/rows.xml")) { throw "the child pwsh wrote nothing: $said" }
    $rows = Import-Clixml "$folder/rows.xml"
    Remove-Item -Recurse $folder
    $rows
}

Export-ModuleMember -Function *
