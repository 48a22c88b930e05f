# Pester 5 over the packaged module (issue 31): hosts pipelines with a path on the command line, rows from Import-Csv
# and Import-Clixml, -IPAddress (alias -Address) on every hosts cmdlet, and Set-HostsEntry moving one name only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
}

Describe 'Hosts pipelines with -Path or -LiteralPath on the command line' {
    BeforeEach {
        $hostsPath = Join-Path $TestDrive 'hosts'
        $otherPath = Join-Path $TestDrive 'other'
        $original = "# test hosts file`r`n127.0.0.1`tlocalhost`r`n127.0.0.1 app.test www.app.test # dev`r`n"
        [System.IO.File]::WriteAllText($hostsPath, $original)
        [System.IO.File]::WriteAllText($otherPath, "127.0.0.1 localhost`n")
        Get-ChildItem $TestDrive -Filter '*.bak' | Remove-Item
    }

    It 'Remove-HostsEntry -<Parameter> with -WhatIf asks for nothing and changes nothing' -ForEach @(
        @{ Parameter = 'LiteralPath' }, @{ Parameter = 'Path' }
    ) {
        $target = @{ $Parameter = $hostsPath }
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Remove-HostsEntry @target -WhatIf -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
        Join-Path $TestDrive 'hosts.bak' | Should -Not -Exist
    }

    It 'Remove-HostsEntry -<Parameter> removes the piped lines and keeps the backup' -ForEach @(
        @{ Parameter = 'LiteralPath' }, @{ Parameter = 'Path' }
    ) {
        $target = @{ $Parameter = $hostsPath }
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Remove-HostsEntry @target -Confirm:$false
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly "# test hosts file`r`n127.0.0.1`tlocalhost`r`n"
        [System.IO.File]::ReadAllText((Join-Path $TestDrive 'hosts.bak')) | Should -BeExactly $original
    }

    It 'Add-HostsEntry -<Parameter> copies piped entries into the file named, not the one they came from' -ForEach @(
        @{ Parameter = 'LiteralPath' }, @{ Parameter = 'Path' }
    ) {
        $target = @{ $Parameter = $otherPath }
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Add-HostsEntry @target -WhatIf -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Add-HostsEntry @target -NoBackup -Confirm:$false
        [System.IO.File]::ReadAllText($otherPath) | Should -BeExactly "127.0.0.1 localhost`n127.0.0.1 app.test www.app.test # dev`n"
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
    }

    It 'Set-HostsEntry -LiteralPath changes the piped entries'' lines' {
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Set-HostsEntry -LiteralPath $hostsPath -Comment staging
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '# dev', '# staging')
    }

    It 'edits the file named on the command line, not the piped entries'' Path' {
        $copy = Join-Path $TestDrive 'copy'
        Copy-Item -LiteralPath $hostsPath -Destination $copy
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Remove-HostsEntry -LiteralPath $copy
        [System.IO.File]::ReadAllText($copy) | Should -BeExactly "# test hosts file`r`n127.0.0.1`tlocalhost`r`n"
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
        [System.IO.File]::ReadAllText((Join-Path $TestDrive 'copy.bak')) | Should -BeExactly $original
    }

    It 'uses the piped Path when no path is given, for Add-HostsEntry too' {
        $said = Invoke-ModuleInChildPwsh "[pscustomobject]@{ IPAddress = '127.0.0.1'; HostName = 'api.test'; Path = '$otherPath' } | Add-HostsEntry -WhatIf" | Out-String
        $said | Should -BeLike "*Add line '127.0.0.1 api.test' at the end*on target*$otherPath*"
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Set-HostsEntry -Comment piped -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '# dev', '# piped')
    }

    It 'binds rows from Import-Csv with -LiteralPath: Remove by line, Add to another file' {
        $csv = Join-Path $TestDrive 'entries.csv'
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Select-Object IPAddress, HostName, LineNumber, Path | Export-Csv -LiteralPath $csv
        Import-Csv -LiteralPath $csv | Add-HostsEntry -LiteralPath $otherPath -NoBackup
        [System.IO.File]::ReadAllText($otherPath) | Should -BeExactly "127.0.0.1 localhost`n127.0.0.1 app.test`n"
        Import-Csv -LiteralPath $csv | Remove-HostsEntry -LiteralPath $hostsPath -WhatIf -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        Import-Csv -LiteralPath $csv | Remove-HostsEntry -LiteralPath $hostsPath -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly "# test hosts file`r`n127.0.0.1`tlocalhost`r`n"
    }

    It 'binds entries from Import-Clixml with -Path and -LiteralPath' {
        $xml = Join-Path $TestDrive 'entries.xml'
        Get-HostsEntry -LiteralPath $hostsPath -HostName app.test | Export-Clixml -LiteralPath $xml
        Import-Clixml -LiteralPath $xml | Add-HostsEntry -Path $otherPath -NoBackup
        [System.IO.File]::ReadAllText($otherPath) | Should -BeExactly "127.0.0.1 localhost`n127.0.0.1 app.test www.app.test # dev`n"
        Import-Clixml -LiteralPath $xml | Set-HostsEntry -LiteralPath $hostsPath -IPAddress 127.0.0.5 -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '127.0.0.1 app.test', '127.0.0.5 app.test')
    }

    It 'refuses -Backup together with -NoBackup as Hosts.InvalidUpdate' {
        { Remove-HostsEntry app.test -LiteralPath $hostsPath -Backup (Join-Path $TestDrive 'b') -NoBackup } | Should -Throw -ErrorId 'Hosts.InvalidUpdate,LoopbackTools.Commands.RemoveHostsEntryCommand'
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
    }
}

Describe 'Set-HostsEntry -IPAddress moves only the name it is given' {
    BeforeEach {
        $hostsPath = Join-Path $TestDrive 'hosts'
        $original = "# test hosts file`r`n127.0.0.1`tlocalhost`r`n127.0.0.1 app.test www.app.test # c`r`n::1 localhost`r`n"
        [System.IO.File]::WriteAllText($hostsPath, $original)
    }

    It 'splits an alias off onto a new line right after its own, keeping every other byte' {
        $entries = Set-HostsEntry www.app.test -IPAddress 127.0.0.9 -LiteralPath $hostsPath -NoBackup -PassThru
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '127.0.0.1 app.test www.app.test # c', "127.0.0.1 app.test # c`r`n127.0.0.9 www.app.test")
        $entries | ForEach-Object { "$($_.LineNumber) $($_.IPAddress) $($_.HostName)" } | Should -Be @('3 127.0.0.1 app.test', '4 127.0.0.9 www.app.test')
        (Get-HostsEntry app.test -LiteralPath $hostsPath).Comment | Should -Be 'c'
    }

    It 'shows both lines in one -WhatIf message and writes nothing' {
        $said = Invoke-ModuleInChildPwsh "Set-HostsEntry www.app.test -IPAddress 127.0.0.9 -LiteralPath '$hostsPath' -WhatIf" | Out-String
        $said | Should -BeLike "*Change line 3 from '127.0.0.1 app.test www.app.test # c' to '127.0.0.1 app.test # c' and add line '127.0.0.9 www.app.test' after it*"
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $original
    }

    It 'moves the whole line with -WholeLine, and for the line''s first name' {
        Set-HostsEntry www.app.test -IPAddress 127.0.0.9 -WholeLine -LiteralPath $hostsPath -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '127.0.0.1 app.test', '127.0.0.9 app.test')
        Set-HostsEntry app.test -Address 127.0.0.8 -LiteralPath $hostsPath -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace '127.0.0.1 app.test', '127.0.0.8 app.test')
    }

    It '<Command> takes -IPAddress with -Address as its alias' -ForEach @(
        @{ Command = 'Get-HostsEntry' }, @{ Command = 'Add-HostsEntry' }, @{ Command = 'Set-HostsEntry' }, @{ Command = 'Remove-HostsEntry' }
    ) {
        (Get-Command $Command).Parameters['IPAddress'].Aliases | Should -Contain 'Address'
    }

    It 'finds and removes by -IPAddress' {
        (Get-HostsEntry -IPAddress ::1 -LiteralPath $hostsPath).HostName | Should -Be 'localhost'
        Remove-HostsEntry -IPAddress ::1 -LiteralPath $hostsPath -NoBackup
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($original -replace "::1 localhost`r`n", '')
    }
}
