# Pester 5 tests for Add-, Set- and Remove-HostsEntry over the packaged module, on a $TestDrive hosts file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
}

Describe 'Editing a hosts file' {
    BeforeEach {
        $hostsPath = Join-Path $TestDrive 'hosts'
        $original = "# test hosts file`r`n127.0.0.1`tlocalhost`r`n::1 localhost`r`n127.0.0.1 app.test www.app.test # dev`r`n"
        [System.IO.File]::WriteAllText($hostsPath, $original)
        Remove-Item (Join-Path $TestDrive 'hosts.bak') -ErrorAction SilentlyContinue
    }

    It 'adds a line with the file''s CRLF endings and keeps the old file as hosts.bak' {
        $entry = Add-HostsEntry -Address 127.0.0.1 -HostName api.test -Alias www.api.test -Path $hostsPath -PassThru
        $entry.HostName | Should -Be 'api.test'
        $entry.LineNumber | Should -Be 5
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original + "127.0.0.1 api.test www.api.test`r`n")
        [System.IO.File]::ReadAllText((Join-Path $TestDrive 'hosts.bak')) | Should -BeExactly $original
    }

    It 'changes nothing with -WhatIf' {
        Add-HostsEntry 127.0.0.1 api.test -Path $hostsPath -WhatIf
        Set-HostsEntry app.test -Address 127.0.0.2 -Path $hostsPath -WhatIf
        Remove-HostsEntry localhost -Path $hostsPath -WhatIf
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
        Join-Path $TestDrive 'hosts.bak' | Should -Not -Exist
    }

    It 'refuses a name that is already mapped unless -Force' {
        Add-HostsEntry 192.0.2.10 www.app.test -Path $hostsPath -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.NameAlreadyMapped,*'
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
        Add-HostsEntry 192.0.2.10 www.app.test -Path $hostsPath -Force -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -BeGreaterThan 0
    }

    It 'sets the address of one line only, keeping its comment' {
        Set-HostsEntry -HostName app.test -Address 127.0.0.2 -Path $hostsPath -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '127.0.0.1 app.test', '127.0.0.2 app.test')
        Join-Path $TestDrive 'hosts.bak' | Should -Not -Exist
    }

    It 'disables and re-enables piped entries byte for byte' {
        Get-HostsEntry -Path $hostsPath -HostName app.test | Set-HostsEntry -Disable
        (Get-HostsEntry -Path $hostsPath -HostName app.test -IncludeDisabled).Enabled | Should -BeFalse
        Set-HostsEntry app.test -Enable -Path $hostsPath
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
    }

    It 'removes a name but keeps the other names of its line' {
        Remove-HostsEntry -HostName app.test -Path $hostsPath
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '127.0.0.1 app.test www.app.test', '127.0.0.1 www.app.test')
    }

    It 'removes the lines of piped entries' {
        $removed = Get-HostsEntry -Path $hostsPath -HostName localhost | Remove-HostsEntry -PassThru -Confirm:$false
        $removed.Count | Should -Be 2
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly "# test hosts file`r`n127.0.0.1 app.test www.app.test # dev`r`n"
    }

    It 'reports a missing name as Hosts.EntryNotFound' {
        Remove-HostsEntry nothing.test -Path $hostsPath -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.EntryNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'copies piped entries: their IPAddress binds to -Address' {
        $copy = Join-Path $TestDrive 'copy-hosts'
        [System.IO.File]::WriteAllText($copy, "127.0.0.1 localhost`n")
        Get-HostsEntry -Path $hostsPath -HostName app.test | Add-HostsEntry -Path $copy -NoBackup
        [System.IO.File]::ReadAllText($copy) | Should -BeExactly "127.0.0.1 localhost`n127.0.0.1 app.test www.app.test # dev`n"
    }

    It 'refuses an edit that would change the file''s encoding, with Hosts.EncodingWouldChange, and writes nothing' {
        # Line 2 starts with the bytes of a UTF-8 byte order mark: removing line 1 would make them the file's first bytes.
        $path = Join-Path $TestDrive 'stray-mark-hosts'
        $bytes = [byte[]]([System.Text.Encoding]::UTF8.GetBytes("127.0.0.1 a.test`n") + [byte[]](0xEF, 0xBB, 0xBF) + [System.Text.Encoding]::UTF8.GetBytes("127.0.0.1 b.test`n"))
        [System.IO.File]::WriteAllBytes($path, $bytes)
        Remove-HostsEntry a.test -LiteralPath $path -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.EncodingWouldChange,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $bytes
    }
}

Describe 'Editing a hosts file at blocklist scale' {
    BeforeAll {
        # Comments, tabs, CRLF and LF, a disabled line and an entry sharing its line: every byte of it must survive.
        $header = "# blocklist`r`n127.0.0.1`tlocalhost`r`n::1 localhost ip6-localhost`n# 0.0.0.0 off.example`r`n`r`n0.0.0.0 keep.example shared.example # kept`r`n"
        $count = 20000
        $names = foreach ($n in 1..$count) { "ad$n.blocked.example" }
    }

    BeforeEach {
        $hostsPath = Join-Path $TestDrive 'hosts'
        [System.IO.File]::WriteAllText($hostsPath, $header)
        Remove-Item (Join-Path $TestDrive 'hosts.bak') -ErrorAction SilentlyContinue
    }

    It 'adds 20,000 piped records as one line each, in order, in one write with one backup, and removes them again' {
        $names | ForEach-Object { [pscustomobject]@{ IPAddress = '0.0.0.0'; HostName = $_ } } | Add-HostsEntry -Path $hostsPath -Confirm:$false
        $text = [System.IO.File]::ReadAllText($hostsPath)
        $text.StartsWith($header, [System.StringComparison]::Ordinal) | Should -BeTrue
        $added = $text.Substring($header.Length).Split("`r`n")
        $added.Count | Should -Be ($count + 1)
        $added[-1] | Should -BeExactly ''
        for ($i = 0; $i -lt $count; $i++) {
            if ($added[$i] -cne "0.0.0.0 $($names[$i])") { throw "line $($i + 1) of the added lines is '$($added[$i])'" }
        }
        [System.IO.File]::ReadAllText((Join-Path $TestDrive 'hosts.bak')) | Should -BeExactly $header
        Get-ChildItem $TestDrive -Filter 'hosts*' | Should -HaveCount 2

        $names | ForEach-Object { [pscustomobject]@{ HostName = $_ } } | Remove-HostsEntry -Path $hostsPath -NoBackup -Confirm:$false
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $header
    }

    It 'sets every other one of 20,000 piped names and keeps every other byte' {
        $lines = foreach ($name in $names) { "0.0.0.0 $name`n" }
        [System.IO.File]::WriteAllText($hostsPath, $header + -join $lines)
        $changed = for ($i = 0; $i -lt $count; $i += 2) { [pscustomobject]@{ HostName = $names[$i] } }
        $changed | Set-HostsEntry -Address 127.0.0.1 -Path $hostsPath -NoBackup -Confirm:$false
        $expected = for ($i = 0; $i -lt $count; $i++) { if ($i % 2 -eq 0) { "127.0.0.1 $($names[$i])`n" } else { $lines[$i] } }
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($header + -join $expected)
    }

    It 'refuses a piped name that an earlier record of the same run added, and writes the rest' {
        $records = 'one.example', 'two.example', 'ONE.example' | ForEach-Object { [pscustomobject]@{ IPAddress = '0.0.0.0'; HostName = $_ } }
        $records | Add-HostsEntry -Path $hostsPath -NoBackup -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.NameAlreadyMapped,*'
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($header + "0.0.0.0 one.example`r`n0.0.0.0 two.example`r`n")
    }

    It 'writes the names of -HostName on one line, in order, then those of -Alias' {
        Add-HostsEntry 0.0.0.0 -HostName a.example, b.example -Alias c.example -Path $hostsPath -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($header + "0.0.0.0 a.example b.example c.example`r`n")
    }

    It 'refuses a -HostName list with a name already mapped, naming it, and writes nothing' {
        Add-HostsEntry 0.0.0.0 -HostName new.example, shared.example -Path $hostsPath -NoBackup -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.NameAlreadyMapped,*'
        $failed[0].Exception.Message | Should -BeLike "*'shared.example'*line 6*"
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $header
    }
}

Describe 'A backup path that is the hosts file itself' {
    It 'is refused with Hosts.BackupIsTarget before anything is touched' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'same-backup')
        $hostsPath = Join-Path $folder 'hosts'
        [System.IO.File]::WriteAllText($hostsPath, "127.0.0.1 localhost`n")
        Add-HostsEntry -LiteralPath $hostsPath -HostName app.test -IPAddress 127.0.0.1 -Backup $hostsPath -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.BackupIsTarget,*'
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike '*-NoBackup*'
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly "127.0.0.1 localhost`n"
        @(Get-ChildItem -Force $folder).Name | Should -Be @('hosts')
    }
}

Describe 'A hosts file that is a mount point, as /etc/hosts is inside containers' -Tag 'Linux' {
    # The seal has a private mount table, so these bind mounts are seen by nothing outside the run.
    BeforeEach {
        Assert-TestComponent -Available ([bool](Get-Command mount -ErrorAction SilentlyContinue) -and (id -u) -eq '0') -Because 'bind mounts need mount(8) and root (the sealed run)'
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive ('mounted-' + [guid]::NewGuid().ToString('N')))
        $source = Join-Path $TestDrive ('source-' + [guid]::NewGuid().ToString('N'))
        $hostsPath = Join-Path $folder 'hosts'
        $original = "# container hosts`r`n127.0.0.1`tlocalhost`n::1 localhost ip6-localhost`t# v6`n198.51.100.2 3f2a9c`n127.0.0.1  app.test # dev`n#192.0.2.9 off.test"
        [System.IO.File]::WriteAllText($source, $original)
        [System.IO.File]::WriteAllText($hostsPath, '')
        mount --bind $source $hostsPath
        $LASTEXITCODE | Should -Be 0
    }

    AfterEach {
        umount $hostsPath
    }

    It 'says in -WhatIf and -Verbose that the file is rewritten in place, and changes nothing' {
        $said = Invoke-ModuleInChildPwsh "Add-HostsEntry -LiteralPath '$hostsPath' -HostName api.test -IPAddress 127.0.0.1 -WhatIf" | Out-String
        $said | Should -BeLike '*mount point: rewritten in place*'
        $verbose = Add-HostsEntry -LiteralPath $hostsPath -HostName api.test -IPAddress 127.0.0.1 -WhatIf -Verbose 4>&1 | Out-String
        $verbose | Should -BeLike '*is a mount point*rewritten in place*'
        [System.IO.File]::ReadAllText($source) | Should -BeExactly $original
    }

    It 'Add, Set and Remove-HostsEntry change only their lines and keep every other byte' {
        $inode = (stat -c %i $source)
        Add-HostsEntry -LiteralPath $hostsPath -HostName api.test -IPAddress 127.0.0.1 -ErrorAction Stop
        $added = $original + "`n127.0.0.1 api.test`n"
        [System.IO.File]::ReadAllText($source) | Should -BeExactly $added
        [System.IO.File]::ReadAllText("$hostsPath.bak") | Should -BeExactly $original

        Set-HostsEntry -LiteralPath $hostsPath -HostName app.test -Address 127.0.0.2 -NoBackup -ErrorAction Stop
        $set = $added.Replace('127.0.0.1  app.test # dev', '127.0.0.2  app.test # dev')
        [System.IO.File]::ReadAllText($source) | Should -BeExactly $set

        Remove-HostsEntry -LiteralPath $hostsPath -HostName api.test -NoBackup -ErrorAction Stop
        [System.IO.File]::ReadAllText($source) | Should -BeExactly $set.Replace("127.0.0.1 api.test`n", '')
        (stat -c %i $source) | Should -Be $inode
    }
}

Describe 'Ctrl+C on a hosts cmdlet blocked in a read' -Tag 'Linux' {
    It 'stops <Command> reading a FIFO nobody writes within a second' -ForEach @(
        @{ Command = 'Get-HostsEntry' ; Script = 'Get-HostsEntry -LiteralPath "{0}"' }
        @{ Command = 'Add-HostsEntry' ; Script = 'Add-HostsEntry -LiteralPath "{0}" -HostName app.test -IPAddress 127.0.0.1' }
    ) {
        $fifo = Join-Path $TestDrive ('fifo-' + [guid]::NewGuid().ToString('N'))
        mkfifo $fifo
        $shell = New-ModuleRunspace ($Script -f $fifo)
        try {
            $null = $shell.BeginInvoke()
            # The read is blocked once the FIFO has a reader: /proc shows no direct sign, so give it time to get there.
            Start-Sleep -Milliseconds 1500
            $shell.InvocationStateInfo.State | Should -Be 'Running'
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $stopping = $shell.BeginStop($null, $null)
            $stopped = $stopping.AsyncWaitHandle.WaitOne(1000)
            $clock.Stop()
            $stopped | Should -BeTrue -Because "Stop took more than 1 s ($($clock.ElapsedMilliseconds) ms so far)"
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            # Unblock the abandoned reader (and, before the fix, the pipeline thread) so the runspace can go.
            timeout 2 bash -c ": > '$fifo'"
            $shell.Dispose()
        }
    }
}
