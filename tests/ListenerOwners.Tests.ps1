# Pester 5 over the packaged module: Get-LoopbackListener's Container and Service, with the world's dockerd
# (DOCKER_HOST, the registry-free image LOOPBACKTOOLS_TEST_IMAGE) started by scripts/run-pester.sh in the seal.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:Engine = Test-ContainerEngine
    $script:Name = $null
    if ($script:Engine) {
        $script:Name = Start-TestContainer -Prefix lbt-owners
        $script:HostPort = [int](((docker port $script:Name 8080/tcp) | Select-Object -First 1) -replace '^.*:', '')
        $script:InitPid = [int](docker inspect -f '{{.State.Pid}}' $script:Name)
    }

    function Wait-Listener([scriptblock] $Scan) {
        # docker run returns before httpd (inside) and docker-proxy (outside) are listening.
        for ($i = 0; $i -lt 50; $i++) {
            $rows = @(& $Scan)
            if ($rows.Count -gt 0 -and -not ($rows | Where-Object ProcessId -eq $null)) { return $rows }
            Start-Sleep -Milliseconds 200
        }
        $rows
    }
}

AfterAll {
    if ($script:Name) { docker rm -f $script:Name | Out-Null }
}

Describe 'Get-LoopbackListener Container and Service' -Tag Linux {
    BeforeEach {
        Assert-TestComponent -Available $script:Engine -Because 'needs a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
    }

    It 'names the container whose published port a docker-proxy listener holds' {
        $rows = Wait-Listener { Get-LoopbackListener -Port $script:HostPort -Protocol Tcp }
        $rows.Count | Should -Be 1
        $rows[0].Process | Should -Be 'docker-proxy'
        $rows[0].Container | Should -Be $script:Name
    }

    It 'names the container of the listeners found with -NetworkNamespaceOf' {
        $rows = Wait-Listener { Get-LoopbackListener -NetworkNamespaceOf $script:InitPid -Port 8080 -Protocol Tcp }
        $rows.Count | Should -BeGreaterThan 0
        $rows | ForEach-Object { $_.Container | Should -Be $script:Name }
        (Get-LoopbackListener -NetworkNamespaceOf $script:InitPid -Port 8080 -NoProcess).Container | Should -Be $script:Name
    }

    It 'leaves both empty, without an error, for a process outside containers and services' {
        $socket = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $socket.Start()
        try {
            $row = Get-LoopbackListener -Port $socket.LocalEndpoint.Port -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            $row.ProcessId | Should -Be $PID
            $row.Container | Should -BeNullOrEmpty
        }
        finally { $socket.Stop() }
    }

    It 'keeps Container and Service through serialization (remoting, Export-Clixml)' {
        $row = Wait-Listener { Get-LoopbackListener -Port $script:HostPort -Protocol Tcp } | Select-Object -First 1
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($row))
        $copy.Container | Should -Be $script:Name
        $copy.PSObject.Properties.Name | Should -Contain 'Service'
    }

    It 'shows them in the Owners view, whole at <_> columns, and not in the 66-column default table' -ForEach 80, 120 {
        $width = $_
        $rows = Wait-Listener { Get-LoopbackListener -Port $script:HostPort -Protocol Tcp }
        $lines = Get-ViewLine -InputObject ($rows | Format-Table -View Owners) -Width $width
        @($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty
        ($lines[0] -split ' +' | Where-Object { $_ }) | Should -Be @('Port', 'PID', 'Process', 'Container', 'Service')
        ($lines -join "`n") | Should -Match "(?m)\bdocker-proxy +$([regex]::Escape($script:Name))( |$)"
        (Get-ViewLine -InputObject $rows -Width $width) -join "`n" | Should -Not -Match ([regex]::Escape($script:Name))
    }
}
