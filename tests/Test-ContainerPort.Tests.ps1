# Pester 5 over the packaged module. Needs a Linux Docker (or podman) engine and the docker CLI: scripts/run-pester.sh
# starts a real dockerd in the seal (DOCKER_HOST) with the registry-free image ci-bb:1 (LOOPBACKTOOLS_TEST_IMAGE:
# /bin/busybox and /www). Without an engine the tests skip, or fail under CI=true.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:Image = if ($env:LOOPBACKTOOLS_TEST_IMAGE) { $env:LOOPBACKTOOLS_TEST_IMAGE } else { 'ci-bb:1' }
    $script:HasEngine = [bool]$env:DOCKER_HOST -or (Test-Path '/var/run/docker.sock') -or (Test-Path '\\.\pipe\docker_engine')
    # Windows runners' engine runs Windows containers: busybox and /proc need a Linux engine.
    $script:EngineOs = try { if ($script:HasEngine) { docker version --format '{{.Server.Os}}' 2>$null } } catch { $null }
    $script:Started = @()

    function Start-WebContainer([string] $BindInside) {
        $name = Start-TestWebContainer -Image $script:Image -Prefix 'lbt-pester' -BindInside $BindInside
        $script:Started += $name
        $name
    }

    # httpd needs a moment after docker run returns before it listens.
    function Test-UntilListening([string] $Name) {
        for ($i = 0; $i -lt 50; $i++) {
            $rows = @(Test-ContainerPort -Name $Name)
            if (-not ($rows | Where-Object AppBindScope -eq 'NotListening')) { return $rows }
            Start-Sleep -Milliseconds 200
        }
        $rows
    }
}

AfterAll {
    if ($script:Started) { docker rm -f $script:Started | Out-Null }
}

# Linux only: the checks read the container's sockets through /proc, and the image is a Linux busybox.
Describe 'Test-ContainerPort' -Tag 'Linux' {
    BeforeEach {
        Assert-TestComponent -Available $script:HasEngine -Because 'no container engine: neither DOCKER_HOST nor a Docker socket exists here'
        Assert-TestComponent -Available ($script:EngineOs -eq 'linux') -Because "the engine's OS is '$($script:EngineOs)' (or the docker CLI is missing); these tests need a Linux container engine"
    }

    It 'passes a container whose app listens on all interfaces and is published on loopback' {
        $name = Start-WebContainer
        $row = Test-UntilListening $name
        $row.Status | Should -Be 'Pass'
        $row.Reachable | Should -Be 'Accepted'
        $row.AppBindScope | Should -Be 'AllInterfaces'
        $row.HostIp | Should -Be '127.0.0.1'
    }

    It 'fails a container whose app listens only on its own loopback and says how to fix it' {
        $name = Start-WebContainer -BindInside '127.0.0.1'
        $row = Test-UntilListening $name
        $row.Status | Should -Be 'Fail'
        $row.AppBindScope | Should -Be 'Loopback'
        $row.Reachable | Should -BeIn @('Reset', 'EmptyReply', 'Refused')
        $row.Finding | Should -BeLike "*the container's own loopback: bind it to 0.0.0.0*"
    }

    It 'lists only the broken container when -All is filtered on Status' {
        $good = Start-WebContainer
        $bad = Start-WebContainer -BindInside '127.0.0.1'
        Test-UntilListening $good | Out-Null
        Test-UntilListening $bad | Out-Null
        $notPass = Test-ContainerPort -All | Where-Object Status -ne Pass
        $notPass.Container | Should -Contain $bad
        $notPass.Container | Should -Not -Contain $good
    }

    It 'is refused by Stop-Process: a row carries no owner, so nothing is matched by name (issue 18)' {
        $name = Start-WebContainer
        $row = Test-UntilListening $name
        $row.PSObject.Properties.Name | Should -Not -Contain 'Name'
        $row | Stop-Process -WhatIf -ErrorVariable stopped -ErrorAction SilentlyContinue
        $stopped[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectNotBound,*'
        (Test-ContainerPort -Name $name).Status | Should -Be 'Pass'
    }

    It 'binds docker ps objects from the pipeline' {
        $name = Start-WebContainer
        Test-UntilListening $name | Out-Null
        $rows = docker ps --filter "name=$name" --format json | ConvertFrom-Json | Test-ContainerPort
        $rows.Container | Should -Contain $name
    }
}

Describe 'Test-ContainerPort errors' {
    It 'refuses an engine on another machine with a stable ErrorId' {
        { Test-ContainerPort -All -Engine 'tcp://192.0.2.1:2375' -ErrorAction Stop } | Should -Throw -ErrorId 'Docker.RemoteEngineRefused*'
    }

    It 'reports a missing engine socket as unreachable' {
        { Test-ContainerPort -All -Engine 'unix:///nonexistent/lbt/docker.sock' -ErrorAction Stop } | Should -Throw -ErrorId 'Docker.EngineUnreachable*'
    }
}
