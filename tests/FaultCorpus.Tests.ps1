# The fault corpus (issue 27): real third-party servers (nginx, redis-server, python3 http.server, node, socat,
# openssh ssh -L, tinyproxy, dnsmasq, docker containers, ip netns, nftables and iptables-nft), each with one fault
# injected, shown real with a real client, then judged by the packaged module's checks; healthy controls must raise no
# Fail. Scenarios are data: tests/FaultCorpus/Scenarios.ps1 (tools in tests/FaultCorpus/FaultCorpus.psm1). The table
# (scenario, expected cause, named?, remedy verified?) and its closing line "faults named N/M, false alarms K/H" go
# to out/test-results/fault-corpus.txt and the run's output; scripts/fault-corpus.sh runs only this file, sealed.
# Runs only in the seal (scripts/test.sh as root): dockerd, the SSH fleet, nft and namespaces are the seal's own.
BeforeDiscovery {
    $script:Scenarios = . (Join-Path $PSScriptRoot 'FaultCorpus/Scenarios.ps1')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Import-LoopbackToolsModule
    Import-Module (Join-Path $PSScriptRoot 'FaultCorpus/FaultCorpus.psm1') -Force -Global
    $script:Results = [System.Collections.Generic.List[object]]::new()
    $needed = 'nginx', 'redis-server', 'redis-cli', 'socat', 'node', 'curl', 'ssh', 'tinyproxy', 'dnsmasq', 'nft', 'iptables', 'getent', 'nsenter'
    $missing = @($needed | Where-Object { -not (Get-Command $_ -ErrorAction SilentlyContinue) -and -not (Test-Path "/usr/sbin/$_") })
    if (-not (Test-Path /usr/bin/python3)) { $missing += '/usr/bin/python3' }
    $script:Ready = $IsLinux -and [bool]$env:LBT_SEALED -and ((& id -u) -eq '0') -and (Test-ContainerEngine) -and [bool]$env:LBT_FLEET -and $missing.Count -eq 0
    $script:Missing = "needs the seal (scripts/test.sh as root: LBT_SEALED, dockerd, the SSH fleet) and $($needed -join ', '), /usr/bin/python3 (missing: $($missing -join ', '))"
    if (-not $script:Ready) { return }

    # The shared world: servers started once and reused by many scenarios (the corpus must stay fast).
    $W = New-CorpusWorld
    $W | Add-Member -NotePropertyMembers @{
        WwwRoot = Join-Path $W.Folder 'www'; EmptyRoot = Join-Path $W.Folder 'empty'
        NginxPort = Get-CorpusPort; GatewayPort = Get-CorpusPort; UpstreamPort = Get-CorpusPort; ForbiddenPort = Get-CorpusPort
        RedisPort = Get-CorpusPort; ProxyPort = Get-CorpusPort
    }
    New-Item -ItemType Directory -Path $W.WwwRoot, $W.EmptyRoot | Out-Null
    Set-Content (Join-Path $W.WwwRoot 'index.html') 'hello from the fault corpus'
    $servers = @(
        (New-NginxServer $W $W.NginxPort)
        "    server { listen 127.0.0.1:$($W.GatewayPort); listen [::1]:$($W.GatewayPort); location / { proxy_pass http://127.0.0.1:$($W.UpstreamPort); } }"
        "    server { listen 127.0.0.1:$($W.ForbiddenPort); listen [::1]:$($W.ForbiddenPort); root $($W.EmptyRoot); }"
    ) -join "`n"
    $W | Add-Member Nginx (Start-CorpusNginx $W nginx $servers $W.NginxPort)
    $W | Add-Member Redis (Start-CorpusRedis $W redis $W.RedisPort)
    $W | Add-Member Proxy (Start-CorpusTinyproxy $W $W.ProxyPort)
    $script:W = $W
    $script:Clock = [System.Diagnostics.Stopwatch]::StartNew()

    function Invoke-Scenario([hashtable] $Scenario, [string] $Part, $State) {
        <# Runs one part of a scenario, rebuilt here so that it sees the corpus's tools and the world; notes its time. #>
        $block = $Scenario[$Part]
        if (-not $block) { return }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try { & ([scriptblock]::Create($block.ToString())) $script:W $State }
        finally { $State.Times += "$Part $($watch.ElapsedMilliseconds) ms; " }
    }

    function Test-ScenarioClient([hashtable] $Scenario, $State, [int] $Tries = 1) {
        for ($i = 1; $i -le $Tries; $i++) {
            if ([bool](@(Invoke-Scenario $Scenario Client $State)[-1])) { return $true }
            if ($i -lt $Tries) { Start-Sleep -Milliseconds 300 }
        }
        $false
    }

    function Format-Findings([object[]] $Findings) {
        ($Findings | ForEach-Object { "[$($_.Step) $($_.Status)] $($_.Finding)" }) -join "`n"
    }
}

AfterAll {
    if ($script:Results.Count) {
        $table = Format-CorpusTable -Result $script:Results
        $folder = Join-Path (Split-Path -Parent $script:ModulePath) 'test-results'
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
        $table | Set-Content (Join-Path $folder 'fault-corpus.txt')
        # Every finding the corpus produced, for the lead's scan and the issue's closing note.
        $script:Results | ForEach-Object { "== $($_.Id) ($($_.Kind)) $($_.Times)"; $_.Findings | ForEach-Object { "[$($_.Step) $($_.Status)] $($_.Finding)" } } |
            Set-Content (Join-Path $folder 'fault-corpus-findings.txt')
        Write-Host ($table -join "`n")
        Write-Host "fault corpus took $([int]$script:Clock.Elapsed.TotalSeconds) s"
    }
    if (Get-Command Stop-CorpusWorld -ErrorAction SilentlyContinue) { Stop-CorpusWorld $script:W }
    Remove-Module FaultCorpus, LoopbackTools -ErrorAction SilentlyContinue
}

Describe 'Fault corpus on real third-party servers' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available $script:Ready -Because $script:Missing
    }

    It '<Kind> <Id>: <Software>' -ForEach $script:Scenarios {
        $scenario = $_
        $state = @{ Times = '' }
        $status = if ($scenario.Status) { @($scenario.Status) } else { @('Fail') }
        $row = [pscustomobject]@{
            Id = $scenario.Id; Kind = $scenario.Kind; Cause = $scenario.Cause; Step = $scenario.Step
            Named = $false; FalseAlarm = $false; Remedy = if ($scenario.Remedy) { 'not run' } else { 'n/a' }; Findings = @()
        }
        $script:Results.Add($row)
        try {
            Invoke-Scenario $scenario Setup $state
            $clientWorks = Test-ScenarioClient $scenario $state
            if ($scenario.Kind -eq 'Control') {
                $clientWorks | Should -BeTrue -Because "the control's client ($($scenario.ClientName)) must work"
            }
            else {
                $clientWorks | Should -BeFalse -Because "the fault must be real: $($scenario.ClientName) fails before anything is judged"
            }

            $findings = @(ConvertTo-CorpusFinding @(Invoke-Scenario $scenario Check $state))
            $row.Findings = $findings
            $findings | Should -Not -BeNullOrEmpty -Because 'the check writes its steps'
            if ($scenario.Kind -eq 'Control') {
                $row.FalseAlarm = [bool]($findings | Where-Object Status -eq 'Fail')
                $row.FalseAlarm | Should -BeFalse -Because "a healthy server raises no Fail; the check said:`n$(Format-Findings $findings)"
                return
            }

            $step = @($findings | Where-Object Step -eq $scenario.Step)[0]
            $row.Named = $step -and $step.Status -in $status -and -not ($scenario.Expect | Where-Object { $step.Finding -notlike $_ })
            $row.Named | Should -BeTrue -Because ("the $($scenario.Step) step should be $($status -join ' or ') and name '$($scenario.Cause)' " +
                "(like '$($scenario.Expect -join "' and '")'); the check said:`n$(Format-Findings $findings)")

            if ($scenario.Remedy) {
                $row.Remedy = 'NO'
                Invoke-Scenario $scenario Remedy $state
                Test-ScenarioClient $scenario $state -Tries 5 | Should -BeTrue -Because "after the remedy $($scenario.ClientName) works"
                $after = @(ConvertTo-CorpusFinding @(Invoke-Scenario $scenario Check $state))
                $row.Findings += $after
                @($after | Where-Object Status -eq 'Fail') | Should -BeNullOrEmpty -Because "after the remedy the check passes; it said:`n$(Format-Findings $after)"
                $row.Remedy = 'yes'
            }
        }
        finally {
            Invoke-Scenario $scenario Cleanup $state
            $row | Add-Member Times $state.Times
        }
    }

    It 'has at least 30 faults and 8 controls' {
        @($script:Results | Where-Object Kind -eq 'Fault').Count | Should -BeGreaterOrEqual 30
        @($script:Results | Where-Object Kind -eq 'Control').Count | Should -BeGreaterOrEqual 8
    }

    It 'never gives "see the X step" as the cause of a Fail, in any finding the corpus produced' {
        $deferred = @($script:Results | ForEach-Object { $id = $_.Id; $_.Findings | Where-Object { $_.Status -eq 'Fail' -and $_.Finding -match 'see the \w+ step' } |
                ForEach-Object { "$id [$($_.Step)] $($_.Finding)" } })
        $deferred | Should -BeNullOrEmpty -Because 'a Fail names the cause it measured'
    }
}
