# Pester 5 over the packaged module: real sockets opened by this PowerShell process.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $script:listener.Start()
    $script:port = $script:listener.LocalEndpoint.Port
}

AfterAll {
    $script:listener.Stop()
}

Describe 'Get-LoopbackListener' {
    It 'finds a listener by -Port, bound to loopback' {
        $found = @(Get-LoopbackListener -Port $script:port -Protocol Tcp)
        $found.Count | Should -Be 1
        $found[0].LocalAddress | Should -Be '127.0.0.1'
        $found[0].BindScope | Should -Be 'Loopback'
        $found[0].PSObject.TypeNames[0] | Should -Be 'LoopbackTools.LoopbackListener'
    }

    It 'reports this PowerShell process as the owner' {
        Get-LoopbackListener -Port $script:port | Select-Object -ExpandProperty ProcessId | Should -Be $PID
    }

    It 'offers the Get-NetTCPConnection names LocalPort and OwningProcess' {
        $found = Get-LoopbackListener -Port $script:port
        $found.LocalPort | Should -Be $script:port
        $found.OwningProcess | Should -Be $PID
    }

    It 'leaves a loopback-only listener out of -Exposed' {
        @(Get-LoopbackListener -Exposed | Where-Object Port -eq $script:port).Count | Should -Be 0
    }

    It 'lists a listener on all interfaces under -Exposed' {
        $any = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, 0)
        $any.Start()
        try {
            $anyPort = $any.LocalEndpoint.Port
            $found = @(Get-LoopbackListener -Exposed -Port $anyPort)
            $found.Count | Should -Be 1
            $found[0].BindScope | Should -Be 'AllInterfaces'
            $found[0].Exposed | Should -BeTrue
        }
        finally {
            $any.Stop()
        }
    }

    It 'takes -Port from the pipeline by property name' {
        $found = [pscustomobject]@{ Port = $script:port } | Get-LoopbackListener
        $found.Port | Should -Be $script:port
    }

    It 'takes -ProcessId from piped Get-Process output' {
        $found = @(Get-Process -Id $PID | Get-LoopbackListener -Port $script:port)
        $found.Count | Should -Be 1
        $found[0].ProcessId | Should -Be $PID
    }

    It 'skips the owner with -NoProcess' {
        (Get-LoopbackListener -Port $script:port -NoProcess).ProcessId | Should -BeNullOrEmpty
    }

    # root owns launchd and other daemons, whose descriptors macOS lists only to root.
    It 'warns on macOS without root that other users'' processes could not be read' -Tag 'MacOS' {
        $null = Get-LoopbackListener -Port $script:port -WarningVariable warnings -WarningAction SilentlyContinue
        if ((id -u) -eq '0') { $warnings | Should -BeNullOrEmpty }
        else { ($warnings -join "`n") | Should -Match 'process\(es\) could not be read: .*run with sudo' }
    }
}

Describe 'Get-LoopbackInterface' {
    It 'reports a loopback interface that is up' {
        $lo = @(Get-LoopbackInterface)
        $lo.Count | Should -BeGreaterThan 0
        $lo[0].PSObject.TypeNames[0] | Should -Be 'LoopbackTools.LoopbackInterface'
        ($lo | Where-Object IsUp).Count | Should -BeGreaterThan 0
    }
}
