# Pester 5: behaviour the package contract tests can only read from metadata, run for real over the packaged
# module — declared output types, preference variables, progress records, Ctrl+C, and error records.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $script:listener.Start()
    $script:port = $script:listener.LocalEndpoint.Port
    $script:hostsPath = Join-Path $TestDrive 'hosts'
    [System.IO.File]::WriteAllText($script:hostsPath, "127.0.0.1 localhost`n::1 localhost`n")
}
AfterAll {
    $script:listener.Stop()
}

Describe 'Declared output types' {
    It '<Command> writes only the types its [OutputType] declares' -ForEach @(
        @{ Command = 'Get-LoopbackListener'; Invocation = { Get-LoopbackListener -Port $script:port } }
        @{ Command = 'Get-LoopbackInterface'; Invocation = { Get-LoopbackInterface } }
        @{ Command = 'Get-HostsEntry'; Invocation = { Get-HostsEntry -Path $script:hostsPath } }
        @{ Command = 'Test-LocalhostResolution'; Invocation = { Test-LocalhostResolution -Layer HostsFile -Port $script:port } }
        @{ Command = 'Add-HostsEntry'; Invocation = { Add-HostsEntry 127.0.0.1 typed.test -Path $script:hostsPath -NoBackup -PassThru } }
    ) {
        $declared = (Get-Command $Command).OutputType.Name
        $rows = @(& $Invocation)
        $rows.Count | Should -BeGreaterThan 0
        foreach ($row in $rows) { $declared | Should -Contain $row.PSObject.TypeNames[0] }
    }
}

Describe 'Preference variables' {
    It 'honours $WhatIfPreference in Add-, Set- and Remove-HostsEntry' {
        $before = [System.IO.File]::ReadAllBytes($script:hostsPath)
        $WhatIfPreference = $true
        Add-HostsEntry 127.0.0.1 whatif.test -Path $script:hostsPath
        Set-HostsEntry localhost -Address 127.0.0.9 -Path $script:hostsPath
        Remove-HostsEntry localhost -Path $script:hostsPath
        $WhatIfPreference = $false
        [System.IO.File]::ReadAllBytes($script:hostsPath) | Should -Be $before
    }

    It 'makes a warning a terminating error under -WarningAction Stop' {
        $path = Join-Path $TestDrive 'broken-hosts'
        [System.IO.File]::WriteAllText($path, "127.0.0.1 localhost`n127.1 broken.test`n")
        { Get-HostsEntry -Path $path -WarningAction Stop } | Should -Throw '*line 2*'
    }
}

Describe 'Ctrl+C' {
    It 'stops Test-LocalhostResolution while it waits for a DNS server that never answers' {
        $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
        try {
            $server = "127.0.0.1:$($silent.Client.LocalEndPoint.Port)"
            $shell = New-ModuleRunspace "Test-LocalhostResolution -Layer DnsServer -DnsServer $server -TimeoutSec 120"
            $async = $shell.BeginInvoke()
            # The query is in flight once the server has received it.
            $remote = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
            $silent.Client.ReceiveTimeout = 30000
            $null = $silent.Receive([ref] $remote)
            $shell.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $async.IsCompleted | Should -BeTrue
            $shell.Dispose()
        }
        finally {
            $silent.Dispose()
        }
    }
}

Describe 'Progress' -Tag 'Linux' {
    BeforeAll {
        if ($env:DOCKER_HOST) {
            # Accepts and never answers, so the check runs until -TimeoutSec: long enough to report progress
            # (work done within the first 100 ms shows no progress bar at all).
            $script:container = docker run -d --pull=never -p 127.0.0.1::8080 $env:LOOPBACKTOOLS_TEST_IMAGE busybox nc -ll -p 8080 -e busybox sleep 30
        }
    }
    AfterAll {
        if ($script:container) { docker rm -f $script:container | Out-Null }
    }

    It 'reports progress per container while Test-ContainerPort -All works' {
        Assert-TestComponent -Available ([bool]$env:DOCKER_HOST) -Because 'no container engine (DOCKER_HOST): run inside the seal'
        $shell = New-ModuleRunspace 'Test-ContainerPort -All -TimeoutSec 2'
        $rows = $shell.Invoke()
        $rows.Count | Should -BeGreaterThan 0
        $records = @($shell.Streams.Progress)
        $records.Count | Should -BeGreaterThan 0
        $records[0].Activity | Should -Not -BeNullOrEmpty
        $records[-1].RecordType | Should -Be 'Completed'
        $shell.Dispose()
    }
}

Describe 'Error records' {
    It '<Case> is <ErrorId> (<Category>) with a remedy' -ForEach @(
        # Network namespaces exist on Linux only; elsewhere the same call is a clear PlatformNotSupported.
        @{ Case = 'a process that does not exist for -NetworkNamespaceOf'; ErrorId = $(if ($IsLinux) { 'Listeners.ProcessNotFound' } else { 'Listeners.PlatformNotSupported' }); Category = $(if ($IsLinux) { 'ObjectNotFound' } else { 'NotImplemented' }); Invocation = { Get-LoopbackListener -NetworkNamespaceOf 2147483000 } }
        @{ Case = 'an address that is not an IP address'; ErrorId = 'Hosts.InvalidAddress'; Category = 'InvalidArgument'; Invocation = { Add-HostsEntry -Address not-an-ip -HostName x.test -Path $script:hostsPath } }
        @{ Case = 'a name that no line maps'; ErrorId = 'Hosts.EntryNotFound'; Category = 'ObjectNotFound'; Invocation = { Set-HostsEntry -HostName nothing.test -Address 127.0.0.2 -Path $script:hostsPath } }
        @{ Case = 'an engine endpoint of an unknown scheme'; ErrorId = 'Docker.InvalidEndpoint'; Category = 'InvalidArgument'; Invocation = { Test-ContainerPort -All -Engine 'ftp://127.0.0.1' } }
        @{ Case = 'a DNS server that is not address[:port]'; ErrorId = 'Dns.InvalidServer'; Category = 'InvalidArgument'; Invocation = { Test-LocalhostResolution -DnsServer 'dns.example:53' -Layer DnsServer } }
    ) {
        $failure = $null
        try { & $Invocation -ErrorAction Stop | Out-Null } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failure.CategoryInfo.Category | Should -Be $Category
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $failure.ErrorDetails.Message.Contains($failure.ErrorDetails.RecommendedAction) | Should -BeTrue -Because 'the message a user reads ends with the remedy'
    }

    It 'rejects a port outside 1-65535 in Core with Resolution.InvalidPort, before any work, and goes on with the next name' {
        $rows = Test-LocalhostResolution -Name localhost, localhost -Port 70000 -Layer HostsFile -ErrorVariable errors -ErrorAction SilentlyContinue
        $rows | Should -BeNullOrEmpty
        $errors | Should -HaveCount 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Resolution.InvalidPort,*'
        $errors[0].TargetObject | Should -Be 70000
    }
}
