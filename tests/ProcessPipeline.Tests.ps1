# Pester 5 over the packaged module: a listener piped into Stop-Process, Wait-Process or Get-Process targets its
# owner's id, never every process of the owner's name (issue 18). Real processes, really stopped: one busybox httpd
# listener and two busybox sleeps of the same name. Linux (busybox); the seal's PID namespace holds them all.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:Started = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()

    # A copy of busybox under a name of its own ("busybox" prefix: busybox still dispatches the applet; 14
    # characters: the whole name fits in comm). Whatever a wrong binding did, it could only reach what this file started.
    function New-BusyboxTwin {
        $busybox = (Get-Command busybox -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
        $name = 'busybox-' + (Get-Random -Minimum 100000 -Maximum 999999)
        $path = Join-Path $TestDrive $name
        Copy-Item -LiteralPath $busybox -Destination $path
        chmod 755 $path
        $path
    }

    function Start-Twin([string] $Path, [string[]] $Arguments) {
        $info = [System.Diagnostics.ProcessStartInfo]::new($Path)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $process = [System.Diagnostics.Process]::Start($info)
        $script:Started.Add($process)
        $process
    }

    function Get-FreePort {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    # httpd needs a moment after start before its socket is in LISTEN.
    function Wait-Listener([int] $Port, [int] $ProcessId) {
        for ($i = 0; $i -lt 100; $i++) {
            $row = Get-LoopbackListener -Port $Port -Protocol Tcp | Where-Object ProcessId -eq $ProcessId
            if ($row) { return $row }
            Start-Sleep -Milliseconds 100
        }
        throw "busybox httpd (pid $ProcessId) did not listen on 127.0.0.1:$Port"
    }

    # What -WhatIf writes goes to the host, not to a stream: a transcript is the way to read it.
    function Get-WhatIfLine([scriptblock] $Command) {
        $transcript = Join-Path $TestDrive ('whatif-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $transcript | Out-Null
        try { & $Command } finally { Stop-Transcript | Out-Null }
        @(Get-Content -LiteralPath $transcript | Where-Object { $_ -like 'What if:*' })
    }
}

AfterAll {
    foreach ($process in $script:Started) {
        if (-not $process.HasExited) { $process.Kill() }
    }
}

Describe 'A listener piped into the process cmdlets' -Tag 'Linux' {
    BeforeAll {
        $script:Twin = New-BusyboxTwin
        $script:Name = Split-Path -Leaf $script:Twin
        $script:Decoys = @(1..2 | ForEach-Object { Start-Twin $script:Twin @('sleep', '600') })
        $script:Port = Get-FreePort
        $script:Httpd = Start-Twin $script:Twin @('httpd', '-f', '-p', "127.0.0.1:$($script:Port)", '-h', $TestDrive)
        $script:Row = Wait-Listener -Port $script:Port -ProcessId $script:Httpd.Id
    }

    It 'shares its process name with two other running processes (the case that must not go wrong)' {
        $script:Row.Process | Should -Be $script:Name
        @(Get-Process -Name $script:Name).Count | Should -Be 3
    }

    It 'carries its owner as Id, the property Stop-Process and Get-Process bind first' {
        $script:Row.Id | Should -Be $script:Httpd.Id
        $script:Row.PSObject.Properties.Name | Should -Not -Contain 'ProcessName'
        $script:Row.PSObject.Properties.Name | Should -Not -Contain 'Name'
    }

    It 'names only the listener''s process under Stop-Process -WhatIf' {
        $lines = @(Get-WhatIfLine { Get-LoopbackListener -Port $script:Port -Protocol Tcp | Stop-Process -WhatIf })
        $lines | Should -HaveCount 1
        $lines[0] | Should -BeLike "*`"$($script:Name) ($($script:Httpd.Id))`"*"
        $script:Httpd.HasExited | Should -BeFalse
    }

    It 'gets exactly the listener''s process from Get-Process' {
        $found = @(Get-LoopbackListener -Port $script:Port -Protocol Tcp | Get-Process)
        $found.Id | Should -Be @($script:Httpd.Id)
    }

    It 'waits on exactly the listener''s process with Wait-Process' {
        Get-LoopbackListener -Port $script:Port -Protocol Tcp | Wait-Process -Timeout 1 -ErrorVariable waited -ErrorAction SilentlyContinue
        $waited | Should -HaveCount 1
        $waited[0].FullyQualifiedErrorId | Should -BeLike 'ProcessNotTerminated,*'
        # The time-out message lists every process waited on: only the listener's.
        [regex]::Matches($waited[0].Exception.Message, '\(\d+\)').Value | Should -Be @("($($script:Httpd.Id))")
    }

    It 'refuses a row without a visible owner instead of matching a name' {
        $bare = Get-LoopbackListener -Port $script:Port -Protocol Tcp -NoProcess
        $bare.Id | Should -BeNullOrEmpty
        $bare | Stop-Process -ErrorVariable stopped -ErrorAction SilentlyContinue
        $stopped[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationErrorNullNotAllowed,*'
        $stopped[0].Exception.Message | Should -BeLike "*parameter 'Id' because it is null*"
        @($bare | Get-Process -ErrorAction SilentlyContinue) | Should -HaveCount 0
        $bare | Wait-Process -Timeout 1 -ErrorVariable waited -ErrorAction SilentlyContinue
        $waited[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        @(Get-Process -Name $script:Name).Count | Should -Be 3
    }

    It 'leaves Id out of Export-Clixml and remoting: a pid from elsewhere is no process here' {
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($script:Row))
        $expected = $script:Row.PSObject.Properties.Name | Where-Object { $_ -ne 'Id' } | Sort-Object
        $copy.PSObject.Properties.Name | Sort-Object | Should -Be $expected
        $copy | Stop-Process -ErrorVariable stopped -ErrorAction SilentlyContinue
        $stopped[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectNotBound,*'
        $script:Httpd.HasExited | Should -BeFalse
    }

    It 'stops the listener''s process and no other process of its name' {
        Get-LoopbackListener -Port $script:Port -Protocol Tcp | Stop-Process -Confirm:$false
        $script:Httpd.WaitForExit(10000) | Should -BeTrue
        $script:Decoys | ForEach-Object { $_.HasExited | Should -BeFalse }
        @(Get-Process -Name $script:Name).Id | Sort-Object | Should -Be @($script:Decoys.Id | Sort-Object)
        Get-LoopbackListener -Port $script:Port -Protocol Tcp | Should -BeNullOrEmpty
    }
}
