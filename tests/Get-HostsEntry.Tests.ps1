# Pester 5 tests for Get-HostsEntry over the packaged module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null

    $hostsPath = Join-Path $TestDrive 'hosts'
    $lines = @(
        '# test hosts file'
        '127.0.0.1 localhost'
        '::1 localhost ip6-localhost ip6-loopback'
        '127.0.0.1 app.test www.app.test # dev'
        '192.0.2.10 build.example'
        '# 127.0.0.1 old.test'
        '127.1 broken.test'
    )
    [System.IO.File]::WriteAllText($hostsPath, ($lines -join "`n") + "`n")
}

Describe 'Get-HostsEntry' {
    It 'finds localhost by name, on each line that has it' {
        $entries = Get-HostsEntry -Path $hostsPath -HostName localhost -WarningAction SilentlyContinue
        $entries.Count | Should -Be 2
        $entries[0].IPAddress | Should -Be '127.0.0.1'
        $entries[1].Aliases | Should -Be @('ip6-localhost', 'ip6-loopback')
        $entries[0].PSObject.TypeNames[0] | Should -Be 'LoopbackTools.HostsEntry'
    }

    It 'matches wildcards against aliases too' {
        $entry = Get-HostsEntry -Path $hostsPath -HostName 'www.*' -WarningAction SilentlyContinue
        $entry.HostName | Should -Be 'app.test'
        $entry.Comment | Should -Be 'dev'
        $entry.LineNumber | Should -Be 4
    }

    It 'keeps only loopback entries with -Loopback' {
        $entries = Get-HostsEntry -Path $hostsPath -Loopback -WarningAction SilentlyContinue
        $entries.HostName | Should -Be @('localhost', 'localhost', 'app.test')
        $entries.IsLoopback | Should -Not -Contain $false
    }

    It 'returns commented-out entries only with -IncludeDisabled' {
        Get-HostsEntry -Path $hostsPath -HostName old.test -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $entry = Get-HostsEntry -Path $hostsPath -HostName old.test -IncludeDisabled -WarningAction SilentlyContinue
        $entry.Enabled | Should -BeFalse
    }

    It 'warns once about the malformed line, with its number' {
        $null = Get-HostsEntry -Path $hostsPath -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*line 7*127.1*'
    }

    It 'writes Hosts.MalformedLine errors with -Strict' {
        $null = Get-HostsEntry -Path $hostsPath -Strict -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.MalformedLine,*'
        $problems[0].TargetObject.LineNumber | Should -Be 7
    }

    It 'writes Hosts.ReadOtherwiseByOs with -Strict for entries glibc skips: line, reason and fix' -Tag 'Linux' {
        $osPath = Join-Path $TestDrive 'hosts-os'
        # Line 1 starts with a UTF-8 byte-order mark, line 3 has a zone index: glibc skips both (GlibcHostsDifferentialTests).
        [System.IO.File]::WriteAllBytes($osPath, [byte[]](0xEF, 0xBB, 0xBF) + [System.Text.Encoding]::ASCII.GetBytes("127.0.0.1 app.test`n::1 app.test`nfe80::1%lo zone.test`n"))
        $entries = Get-HostsEntry -LiteralPath $osPath -Strict -ErrorVariable problems -ErrorAction SilentlyContinue
        $entries.Count | Should -Be 3
        $problems.Count | Should -Be 2
        $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Hosts.ReadOtherwiseByOs,*' }
        $problems[0].TargetObject.LineNumber | Should -Be 1
        $problems[0].Exception.Message | Should -BeLike '*line 1 starts with a UTF-8 byte-order mark*skips the line*'
        $problems[1].TargetObject.LineNumber | Should -Be 3
        $problems[1].Exception.Message | Should -BeLike "*line 3 has the address 'fe80::1%lo': glibc reads no IPv6 zone index*"
        Get-HostsEntry -LiteralPath $osPath -ErrorVariable quiet -ErrorAction SilentlyContinue | Out-Null
        $quiet.Count | Should -Be 0
    }

    It 'reports a missing file as Hosts.FileNotFound and goes on with the next path' {
        $missing = Join-Path $TestDrive 'no-such-hosts'
        $entries = Get-HostsEntry -Path $missing, $hostsPath -HostName localhost -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.FileNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $entries.Count | Should -Be 2
    }

    It 'takes Path from piped entries' {
        $entry = Get-HostsEntry -Path $hostsPath -HostName build.example -WarningAction SilentlyContinue
        ($entry | Get-HostsEntry).IPAddress | Should -Be '192.0.2.10'
    }

    It 'keeps its view after Export-Clixml and Import-Clixml' {
        $file = Join-Path $TestDrive 'entries.xml'
        Get-HostsEntry -Path $hostsPath -WarningAction SilentlyContinue | Export-Clixml -Path $file
        $imported = Import-Clixml -Path $file
        $imported[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.LoopbackTools.HostsEntry'
        $view = $imported | Out-String -Width 200
        $view | Should -Match 'Line\s+IPAddress\s+HostName Aliases'
        $view | Should -Match 'ip6-localhost ip6-loopback'
    }
}
