# Pester 5 tests over the packaged module: the hosts editor writes addresses and names only in forms the OS resolver
# reads and programs ask for, Get-HostsEntry -Strict flags exactly the lines in other forms, and both are proven
# against glibc itself: each line is written into a file bind-mounted over /etc/hosts in a private mount namespace
# (unshare --mount) and asked with getent ahosts (getaddrinfo, which encodes international names as programs do).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null

    # International names as char codes, so this file reads the same in any encoding.
    $script:buecher = "b$([char]0xFC)cher.test"
    $script:buecher2 = "b$([char]0xFC)cher2.test"
    $script:lookup = Join-Path $TestDrive 'lookup.sh'
    [System.IO.File]::WriteAllText($script:lookup, @'
mount --bind "$1" /etc/hosts || exit 3
shift
for name in "$@"; do printf '=%s\n' "$(getent ahosts "$name" | awk '{print $1}' | sort -u | tr '\n' ' ')"; done
'@)

    function Get-OsAnswer([string] $HostsFile, [string[]] $Name) {
        # What the real resolver answers for each name with $HostsFile as /etc/hosts: one string[] of addresses a name.
        # A fresh network namespace too: no interface is up, so getaddrinfo's AI_ADDRCONFIG filters nothing, and a
        # name the file lacks cannot reach any DNS server (nsswitch goes on to dns).
        $said = @(unshare --mount --net bash $script:lookup $HostsFile @Name)
        $LASTEXITCODE | Should -Be 0
        $said.Count | Should -Be $Name.Count
        foreach ($line in $said) { , @($line.Substring(1).Split(' ', [StringSplitOptions]::RemoveEmptyEntries)) }
    }

    function New-HostsFile([string] $Text) {
        $path = Join-Path $TestDrive ('hosts-' + [guid]::NewGuid().ToString('N'))
        [System.IO.File]::WriteAllBytes($path, [System.Text.Encoding]::UTF8.GetBytes($Text))
        $path
    }
}

Describe 'Addresses and names the OS resolver reads, checked against getent' -Tag 'Linux' {
    BeforeEach {
        $canMount = [bool](Get-Command unshare -ErrorAction SilentlyContinue) -and [bool](Get-Command getent -ErrorAction SilentlyContinue) -and (id -u) -eq '0'
        Assert-TestComponent -Available $canMount -Because 'a private mount namespace needs unshare(1), getent and root (the sealed run)'
        $base = "127.0.0.1 localhost`n::1 localhost`n"
        $hostsPath = New-HostsFile $base
    }

    It 'writes [::1] as ::1: getent reads the written line and skips the bracketed one' {
        $entry = Add-HostsEntry -LiteralPath $hostsPath -NoBackup -IPAddress '[::1]' -HostName br.test -PassThru
        $entry.IPAddress | Should -Be '::1'
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($base + "::1 br.test`n")
        $written = Get-OsAnswer $hostsPath br.test
        $written | Should -Be @('::1')
        $bracketed = Get-OsAnswer (New-HostsFile ($base + "[::1] br.test`n")) br.test
        $bracketed | Should -BeNullOrEmpty
    }

    It 'refuses <Address> with Hosts.InvalidAddress and the reason, and glibc indeed skips such a line' -ForEach @(
        @{ Address = 'fe80::1%lo'; Reason = '*glibc reads no IPv6 zone index*so the OS resolver would skip the line*'; Name = 'zone.test' }
        @{ Address = '010.0.0.1'; Reason = '*glibc reads no IPv4 part with a leading zero*so the OS resolver would skip the line*'; Name = 'lz.test' }
        @{ Address = '127.0.0.010'; Reason = '*leading zero*'; Name = 'lz2.test' }
    ) {
        Add-HostsEntry -LiteralPath $hostsPath -NoBackup -IPAddress $Address -HostName $Name -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.InvalidAddress,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].Exception.Message | Should -BeLike $Reason
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $base
        # The line the editor refuses to write, written by hand: glibc answers nothing for its name.
        $skipped = Get-OsAnswer (New-HostsFile ($base + "$Address $Name`n")) $Name
        $skipped | Should -BeNullOrEmpty
        # Set-HostsEntry's address follows the same rule.
        Add-HostsEntry -LiteralPath $hostsPath -NoBackup -IPAddress 127.0.0.1 -HostName $Name
        # (Set checks its values once, before any record: a terminating error.)
        $setFailed = try { Set-HostsEntry -LiteralPath $hostsPath -NoBackup -HostName $Name -Address $Address } catch { $_ }
        $setFailed.FullyQualifiedErrorId | Should -BeLike 'Hosts.InvalidAddress,*'
        (Get-HostsEntry -LiteralPath $hostsPath -HostName $Name).IPAddress | Should -Be '127.0.0.1'
    }

    It 'writes an international name in punycode, which getent finds under both forms; a UTF-8 line it does not find' {
        $entry = Add-HostsEntry -LiteralPath $hostsPath -NoBackup -IPAddress 127.0.0.3 -HostName $buecher -PassThru
        $entry.HostName | Should -Be 'xn--bcher-kva.test'
        $entry.UnicodeHostName | Should -Be $buecher
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($base + "127.0.0.3 xn--bcher-kva.test`n")
        $punycode, $unicode = Get-OsAnswer $hostsPath 'xn--bcher-kva.test', $buecher
        $punycode | Should -Be @('127.0.0.3')
        $unicode | Should -Be @('127.0.0.3')
        # What the editor wrote before: the name in UTF-8, which getent (encoding the question to punycode) misses.
        $missed = Get-OsAnswer (New-HostsFile ($base + "127.0.0.4 $buecher2`n")) $buecher2
        $missed | Should -BeNullOrEmpty
        # Found by its Unicode name; the view shows both forms and stays within 80 columns.
        (Get-HostsEntry -LiteralPath $hostsPath -HostName $buecher).LineNumber | Should -Be 3
        $view = Get-HostsEntry -LiteralPath $hostsPath | Out-String -Width 80
        $view | Should -BeLike "*127.0.0.3         xn--bcher-kva.test ($buecher)*"
        $view -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        # Set and Remove find it by its Unicode name too.
        Set-HostsEntry -LiteralPath $hostsPath -NoBackup -HostName $buecher -Comment idn
        Remove-HostsEntry -LiteralPath $hostsPath -NoBackup -HostName $buecher
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $base
    }

    It 'refuses a trailing dot: glibc answers dot.test. only to lookups that end in a dot' {
        Add-HostsEntry -LiteralPath $hostsPath -NoBackup -IPAddress 127.0.0.2 -HostName dot.test. -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Hosts.InvalidHostName,*'
        $failed[0].Exception.Message | Should -BeLike "*'dot.test.' answers only lookups that end in a dot, never the usual 'dot.test'*"
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike "*Write 'dot.test' without the final dot*"
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly $base
        $plain, $dotted = Get-OsAnswer (New-HostsFile ($base + "127.0.0.2 dot.test.`n")) 'dot.test', 'dot.test.'
        $plain | Should -BeNullOrEmpty
        $dotted | Should -Be @('127.0.0.2')
    }

    It 'applies the name rules to Set-HostsEntry -Alias' {
        Add-HostsEntry -LiteralPath $hostsPath -NoBackup -IPAddress 127.0.0.5 -HostName set.test
        Set-HostsEntry -LiteralPath $hostsPath -NoBackup -HostName set.test -Alias $buecher
        [System.IO.File]::ReadAllText($hostsPath) | Should -BeExactly ($base + "127.0.0.5 set.test xn--bcher-kva.test`n")
        $failed = try { Set-HostsEntry -LiteralPath $hostsPath -NoBackup -HostName set.test -Alias dot.test. } catch { $_ }
        $failed.FullyQualifiedErrorId | Should -BeLike 'Hosts.InvalidHostName,*'
        $found = Get-OsAnswer $hostsPath $buecher
        $found | Should -Be @('127.0.0.5')
    }

    It 'Get-HostsEntry -Strict flags exactly the lines whose name getent does not answer with their address' {
        $lines = @(
            '127.0.0.1 ok.test'
            '[::1] br.test'
            'fe80::1%lo zone.test'
            '::1 ok6.test'
            '010.0.0.1 lz.test'
            "127.0.0.4 $buecher2"
            '127.0.0.2 dot.test.'
            '127.0.0.3 xn--bcher-kva.test'
            'fe80::1 link.test'
        )
        $file = New-HostsFile (($lines -join "`n") + "`n")
        # What programs ask: the name without a final dot, an international name as typed (getent encodes it).
        $asked = $lines | ForEach-Object { ($_ -split ' ')[1].TrimEnd('.') }
        $answers = @(Get-OsAnswer $file $asked)
        $unanswered = for ($i = 0; $i -lt $lines.Count; $i++) {
            $address = ($lines[$i] -split ' ')[0]
            if ($answers[$i] -notcontains $address) { $i + 1 }
        }
        $unanswered | Should -Be @(2, 3, 5, 6, 7)

        $null = Get-HostsEntry -LiteralPath $file -Strict -ErrorVariable flagged -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $flagged | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Hosts.ReadOtherwiseByOs,*' }
        @($flagged | ForEach-Object { $_.TargetObject.LineNumber }) | Should -Be $unanswered
        ($flagged | Where-Object { $_.TargetObject.LineNumber -eq 6 }).ErrorDetails.RecommendedAction | Should -Be "Write 'xn--bcher2-3ya.test' (the punycode form)."
    }
}

Describe 'Warnings about malformed hosts lines' {
    BeforeAll {
        $malformed = 1..2000 | ForEach-Object { "999.0.0.$_ bad$_.test" }
        $script:bigPath = New-HostsFile ((@('127.0.0.1 localhost') + $malformed) -join "`n")
    }

    It 'shows the first 20 and then one warning with the count of the rest' {
        $entries = Get-HostsEntry -LiteralPath $bigPath -WarningVariable warned -WarningAction SilentlyContinue
        $entries.HostName | Should -Be 'localhost'
        $warned.Count | Should -Be 21
        $warned[0].Message | Should -BeLike '*line 2:*999.0.0.1*'
        $warned[19].Message | Should -BeLike '*line 21:*999.0.0.20*'
        $warned[20].Message | Should -BeExactly "${bigPath}: 1980 more problem line(s) not shown; Get-HostsEntry -Strict or -Verbose lists every one."
    }

    It 'lists every one with -Verbose' {
        $null = Get-HostsEntry -LiteralPath $bigPath -Verbose -WarningVariable warned -WarningAction SilentlyContinue 4>$null
        $warned.Count | Should -Be 2000
        $warned[1999].Message | Should -BeLike '*line 2001:*999.0.0.2000*'
    }

    It 'lists every one with -Strict, as errors' {
        $null = Get-HostsEntry -LiteralPath $bigPath -Strict -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        $warned.Count | Should -Be 0
        @($failed | Where-Object FullyQualifiedErrorId -Like 'Hosts.MalformedLine,*').Count | Should -Be 2000
    }
}
