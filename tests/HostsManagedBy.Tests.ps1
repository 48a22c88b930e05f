# Pester 5 over the packaged module: hosts files that WSL or Docker Desktop rewrite (fixtures in their real formats,
# copied to $TestDrive). Get-HostsEntry marks the entries (ManagedBy); Add-/Set-/Remove-HostsEntry warn before the edit.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:Fixtures = Join-Path $PSScriptRoot 'LoopbackTools.Tests/Fixtures/hosts'
    $script:WslWarning = "WSL generated this file (its header, line 1) and rewrites it from the Windows hosts file when it starts: this edit will be lost. To keep it, add 'generateHosts = false' under '[network]' in /etc/wsl.conf (then run 'wsl --shutdown'), or edit the Windows hosts file instead."
    $script:DockerWarning = "Line 23 is in Docker Desktop's section (lines 22-27, '# Added by Docker Desktop' to '# End of section'), which Docker Desktop rewrites when it starts: this edit will be overwritten. To stop it, clear 'Add the *.docker.internal names to the host's /etc/hosts file' in Docker Desktop's Settings (General), or put the entry outside the section."
}
AfterAll { Remove-Module LoopbackTools -ErrorAction SilentlyContinue }

Describe 'Get-HostsEntry marks entries another program rewrites' {
    BeforeEach {
        $script:wsl = Join-Path $TestDrive 'wsl/hosts'
        $script:docker = Join-Path $TestDrive 'win/hosts'
        New-Item -ItemType Directory (Split-Path $script:wsl), (Split-Path $script:docker) -Force | Out-Null
        Copy-Item (Join-Path $script:Fixtures 'wsl.hosts') $script:wsl
        Copy-Item (Join-Path $script:Fixtures 'docker-desktop-windows.hosts') $script:docker
        Remove-Item (Join-Path (Split-Path $script:wsl) 'wsl.conf') -ErrorAction SilentlyContinue
    }

    It 'marks every entry of a WSL-generated file ManagedBy WSL' {
        $entries = @(Get-HostsEntry -Path $script:wsl)
        $entries.Count | Should -Be 10
        @($entries.ManagedBy | Sort-Object -Unique) | Should -Be 'WSL'
    }

    It 'marks nothing once wsl.conf beside the file sets generateHosts = false under [network]' {
        Set-Content (Join-Path (Split-Path $script:wsl) 'wsl.conf') "[network]`ngenerateHosts = false"
        @(Get-HostsEntry -Path $script:wsl | Where-Object ManagedBy).Count | Should -Be 0
    }

    It 'marks only the Docker Desktop section of a Windows hosts file' {
        $entries = @(Get-HostsEntry -Path $script:docker -IncludeDisabled)
        @($entries | Where-Object ManagedBy -EQ 'DockerDesktop' | ForEach-Object HostName) | Should -Be 'host.docker.internal', 'gateway.docker.internal', 'kubernetes.docker.internal'
        @($entries | Where-Object { $null -eq $_.ManagedBy }).Count | Should -Be 4
    }

    It 'shows the manager in the default view at 80 columns, no word cut, and keeps it through Export-Clixml' {
        $lines = Get-ViewLine -InputObject @(Get-HostsEntry -Path $script:docker) -Width 80
        $lines | Should -Contain '   23  192.0.2.10        host.docker.internal (rewritten by DockerDesktop)'
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $file = Join-Path $TestDrive 'entries.xml'
        Get-HostsEntry -Path $script:wsl | Export-Clixml $file
        $back = @(Import-Clixml $file)
        $back[0].ManagedBy | Should -Be 'WSL'
        (Get-ViewLine -InputObject $back -Width 80) | Should -Contain '    4  127.0.0.1         localhost (rewritten by WSL)'
    }
}

Describe 'Editing a rewritten hosts file warns first, naming the setting that stops it' {
    BeforeEach {
        $script:wsl = Join-Path $TestDrive 'hosts-wsl'
        $script:docker = Join-Path $TestDrive 'hosts-docker'
        Copy-Item (Join-Path $script:Fixtures 'wsl.hosts') $script:wsl -Force
        Copy-Item (Join-Path $script:Fixtures 'docker-desktop-windows.hosts') $script:docker -Force
    }

    It 'warns on Add-, Set- and Remove-HostsEntry in a WSL file, and still edits' {
        Add-HostsEntry -Address 127.0.0.1 -HostName app.test -Path $script:wsl -NoBackup -WarningVariable added -WarningAction SilentlyContinue
        Set-HostsEntry kubernetes.docker.internal -Address 127.0.0.2 -Path $script:wsl -NoBackup -WarningVariable set -WarningAction SilentlyContinue
        Remove-HostsEntry ip6-localnet -Path $script:wsl -NoBackup -WarningVariable removed -WarningAction SilentlyContinue
        foreach ($warned in $added, $set, $removed) {
            @($warned).Count | Should -Be 1
            "$($warned[0])" | Should -BeExactly "$($script:wsl): $script:WslWarning"
        }
        (Get-HostsEntry -HostName app.test -Path $script:wsl).ManagedBy | Should -Be 'WSL'
    }

    It 'warns before asking: -WhatIf shows the warning and writes nothing' {
        $before = [System.IO.File]::ReadAllBytes($script:docker)
        Set-HostsEntry host.docker.internal -Address 127.0.0.1 -Path $script:docker -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        "$($warned[0])" | Should -BeExactly "$($script:docker): $script:DockerWarning"
        [System.IO.File]::ReadAllBytes($script:docker) | Should -Be $before
    }

    It 'does not warn about a line added after the Docker Desktop section' {
        Add-HostsEntry -Address 127.0.0.1 -HostName app.test -Path $script:docker -NoBackup -WarningVariable warned -WarningAction SilentlyContinue
        @($warned | Where-Object { "$_" -like '*Docker Desktop*' }).Count | Should -Be 0
        (Get-HostsEntry -HostName app.test -Path $script:docker).ManagedBy | Should -BeNullOrEmpty
    }
}
