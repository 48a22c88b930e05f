# Pester 5 over the packaged module: what a person sees. Every default view, fed real objects (real sockets, a real
# dnsmasq, real containers on DOCKER_HOST), at 80 and 120 columns: no line wider than the terminal, headers whole,
# every cell and every finding whole (no word cut or split), one view per call; the Deserialized views print the
# same; and member enumeration (@($x, $x).Property) yields every public property, not a System.Array member.
# To cover a new output type, add a case to $cases below (Whole: for a custom view, the properties a person reads,
# which must appear unbroken); the coverage test fails until every declared output type has one.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null  # the help cases below are one per cmdlet
    $cmdlets = @(Get-Command -Module LoopbackTools -CommandType Cmdlet | ForEach-Object Name)
    $sealed = [bool]$env:LBT_SEALED
    $engine = Test-ContainerEngine
    $cases = @(
        @{ Name = 'Get-LoopbackListener -Port'; FormatTable = $true; TypeName = 'LoopbackTools.LoopbackListener'; Skip = $false; Ready = $true; Whole = @()
            Produce = { Get-LoopbackListener -Port $script:Port -Protocol Tcp } }
        @{ Name = 'Get-LoopbackInterface'; FormatTable = $true; TypeName = 'LoopbackTools.LoopbackInterface'; Skip = $false; Ready = $true; Whole = @()
            Produce = { Get-LoopbackInterface } }
        @{ Name = 'Get-HostsEntry -IncludeDisabled'; FormatTable = $true; TypeName = 'LoopbackTools.HostsEntry'; Skip = $false; Ready = $true; Whole = 'IPAddress', 'HostName', 'Aliases'
            Produce = { Get-HostsEntry -Path $script:HostsPath -IncludeDisabled } }
        @{ Name = 'Get-HostsEntry -Strict (the error''s HostsProblem)'; FormatTable = $true; TypeName = 'LoopbackTools.HostsProblem'; Skip = $false; Ready = $true; Whole = 'Reason', 'Path'
            Produce = {
                Get-HostsEntry -Path $script:BadHostsPath -Strict -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
                $problems.TargetObject
            } }
        # Resolving names sends DNS queries: only inside the seal (LBT_SEALED), never to the machine's resolver.
        @{ Name = 'Test-LocalhostResolution -Port'; FormatTable = $true; TypeName = 'LoopbackTools.LocalhostResolutionResult'; Skip = -not $IsLinux; Ready = $sealed; Whole = 'Finding', 'Name', 'Server'
            Produce = { Test-LocalhostResolution -DnsServer $script:Dns.Server -Port $script:Port } }
        @{ Name = 'Test-LocalhostConnection -Port'; FormatTable = $true; TypeName = 'LoopbackTools.LocalhostConnectionStep'; Skip = -not $IsLinux; Ready = $sealed; Whole = @()
            Produce = { Test-LocalhostConnection -Port $script:Port } }
        # The same step type from inside a container, to the host's 127.0.0.1-only listener (the group header names the container).
        @{ Name = 'Test-ContainerConnection (host service on 127.0.0.1)'; FormatTable = $true; TypeName = 'LoopbackTools.LocalhostConnectionStep'; Skip = -not $IsLinux; Ready = $sealed -and $engine; Whole = @()
            Produce = { Test-ContainerConnection -Name $script:Client -Port $script:Port } }
        @{ Name = 'Wait-LocalhostConnection -Port'; FormatTable = $true; TypeName = 'LoopbackTools.LocalhostConnectionWait'; Skip = $false; Ready = $true; Whole = 'HostName', 'RemoteAddress'
            Produce = { Wait-LocalhostConnection -Port $script:Port -HostName 127.0.0.1; Wait-LocalhostConnection -Port $script:Port -HostName 127.0.0.1 } }
        @{ Name = 'Test-LocalhostCertificate (self-signed)'; FormatTable = $true; TypeName = 'LoopbackTools.LocalhostCertificateResult'; Skip = -not $IsLinux; Ready = $sealed; Whole = @()
            Produce = { Test-LocalhostCertificate -Port $script:Tls.Port } }
        @{ Name = 'Test-ContainerPort'; FormatTable = $true; TypeName = 'LoopbackTools.ContainerPortResult'; Skip = -not $IsLinux; Ready = $engine; Whole = 'Finding', 'Container'
            Produce = { Wait-ContainerListening -Name $script:Containers } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null

    # A listener on 127.0.0.1 and one on [::] (dual-stack) on the same port: two rows, two bind scopes.
    $script:Port = Get-FreePort
    $script:Sockets = @([System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, $script:Port))
    $script:Sockets[0].Start()
    $script:HostsPath = Join-Path ([System.IO.Path]::GetTempPath()) "lbt-views-$([guid]::NewGuid().ToString('N')).hosts"
    Set-Content -Path $script:HostsPath -Value @(
        '127.0.0.1 localhost localhost.localdomain localhost4 localhost4.localdomain4'
        '::1 localhost ip6-localhost ip6-loopback'
        '# 192.0.2.10 disabled.test'
        '2001:db8:85a3::8a2e:370:7334 documentation-range.example.test docs')
    $script:BadHostsPath = "$script:HostsPath.bad"
    Set-Content -Path $script:BadHostsPath -Value @('127.0.0.1 localhost', '999.1.2.3 broken.test')

    $script:Dns = if ($env:LBT_SEALED) { Start-TestDnsmasq }
    $script:Tls = if ($IsLinux) { Start-TestTlsServer }
    $script:Containers = @()
    if (Test-ContainerEngine) {
        $script:Containers = @(
            Start-TestContainer -Prefix lbt-views-web
            Start-TestContainer -Prefix lbt-views-loopback -BindInside 127.0.0.1
            Start-TestContainer -Prefix lbt-views-everywhere -Publish '0.0.0.0::8080'
            Start-TestContainer -Prefix lbt-views-exposed -Publish '')
        $script:Client = 'lbt-views-client-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        docker run -d --pull=never --name $script:Client --add-host=host.docker.internal:host-gateway $env:LOOPBACKTOOLS_TEST_IMAGE busybox sleep 3600 2>$null | Out-Null
        $script:Containers += $script:Client
    }
}

AfterAll {
    $script:Sockets | ForEach-Object { $_.Stop() }
    Remove-Item $script:HostsPath, $script:BadHostsPath -ErrorAction SilentlyContinue
    if ($script:Dns) { Stop-TestProcess $script:Dns.Process }
    if ($script:Tls) { Stop-TestProcess $script:Tls.Process }
    if ($script:Containers) { docker rm -f $script:Containers | Out-Null }
}

Describe 'Default view of <Name>' -ForEach $cases {
    BeforeAll {
        # Linux-only cases run on Linux always: a missing seal or engine fails them under CI=true (Assert-TestComponent).
        $script:Objects = if (-not $Skip -and $Ready) { @(& $Produce) }
        $script:Control = Get-DefaultViewControl $TypeName
    }

    It 'has real objects of one type, <TypeName>' -Skip:$Skip {
        Assert-TestComponent -Available $Ready -Because 'needs the seal (LBT_SEALED) and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
        $script:Objects.Count | Should -BeGreaterThan 0
        @($script:Objects | ForEach-Object { $_.PSObject.TypeNames[0] } | Sort-Object -Unique) | Should -Be @($TypeName)
    }

    It 'prints readably at <_> columns' -Skip:$Skip -ForEach 80, 120 {
        Assert-TestComponent -Available $Ready -Because 'needs the seal (LBT_SEALED) and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
        $width = $_
        $lines = Get-ViewLine -InputObject $script:Objects -Width $width
        $text = $lines -join "`n"
        @($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty -Because "no line may be wider than $width columns"
        # PowerShell falls back to a list ("Name : value") for a type it has no view for, or a second type.
        @($lines | Where-Object { $_ -match '^\w+ +: ' }) | Should -BeNullOrEmpty -Because 'the call renders as one view, not a list'
        $rules = @($lines | Where-Object { $_ -match '^-+( +-+)*$' })
        if ($script:Control -is [System.Management.Automation.TableControl]) {
            $rules.Count | Should -Be 1 -Because 'one call prints one table'
            $header = $lines[[array]::IndexOf($lines, $rules[0]) - 1] -split ' +' | Where-Object { $_ }
            $labels = foreach ($i in 0..($script:Control.Headers.Count - 1)) {
                if ($script:Control.Headers[$i].Label) { $script:Control.Headers[$i].Label } else { $script:Control.Rows[0].Columns[$i].DisplayEntry.Value }
            }
            $header | Should -Be $labels -Because 'every header is printed whole, in order'
            # Every cell whole: each value (each line of a multi-line cell) appears unbroken in the output.
            foreach ($object in $script:Objects) {
                foreach ($column in $script:Control.Rows[0].Columns) {
                    $entry = $column.DisplayEntry
                    $value = if ($entry.ValueType -eq 'Property') { $object.($entry.Value) } else { $object | ForEach-Object ([scriptblock]::Create($entry.Value)) }
                    foreach ($piece in ("$value" -split "`n" | Where-Object { $_ })) {
                        $text | Should -Match ([regex]::Escape($piece)) -Because "the cell '$piece' must not be cut or split"
                    }
                }
            }
        }
        else {
            $rules | Should -BeNullOrEmpty -Because 'a custom view prints no table'
            # What a person reads (the finding, a name, an address) is whole: a sentence only wrapped at spaces,
            # a single word never split.
            $flat = ($lines -join ' ') -replace '\s+', ' '
            $Whole | Should -Not -BeNullOrEmpty -Because 'a custom view case names the properties shown whole'
            foreach ($object in $script:Objects) {
                foreach ($value in @($Whole | ForEach-Object { $object.$_ } | ForEach-Object { $_ } | Where-Object { "$_" })) {
                    if ("$value" -match '\s') {
                        $flat | Should -Match ([regex]::Escape(("$value" -replace '\s+', ' '))) -Because 'the sentence is shown whole'
                    }
                    else {
                        $text | Should -Match "(?m)(^|\s)$([regex]::Escape("$value"))(\s|$)" -Because "'$value' must not be cut or split"
                    }
                }
                @("$($object.Status)", "$($object.Kind)") | Where-Object { $_ } | ForEach-Object { $text | Should -Match "(?m)^$_ " -Because 'each row starts with its status' }
            }
        }
    }

    It 'prints deserialized objects (remoting, Import-Clixml) the same way' -Skip:$Skip {
        Assert-TestComponent -Available $Ready -Because 'needs the seal (LBT_SEALED) and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
        $copies = $script:Objects | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) }
        $copies[0].PSObject.TypeNames[0] | Should -Be "Deserialized.$TypeName"
        (Get-ViewLine -InputObject $copies -Width 80) -join "`n" | Should -Be ((Get-ViewLine -InputObject $script:Objects -Width 80) -join "`n")
    }

    It 'prints objects read back by Import-Clixml as it prints live ones, default view and Format-Table' -Skip:$Skip {
        Assert-TestComponent -Available $Ready -Because 'needs the seal (LBT_SEALED) and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
        # Export-Clixml keeps an enum as its integer (remoting, at depth 1, sends its name): views must read both.
        $file = Join-Path $TestDrive 'rows.xml'
        $script:Objects | Export-Clixml -LiteralPath $file
        $imported = @(Import-Clixml -LiteralPath $file)
        $imported[0].PSObject.TypeNames[0] | Should -Be "Deserialized.$TypeName"
        (Get-ViewLine -InputObject $imported -Width 80) -join "`n" | Should -BeExactly ((Get-ViewLine -InputObject $script:Objects -Width 80) -join "`n")
        ($imported | Format-Table | Out-String -Width 80) | Should -BeExactly ($script:Objects | Format-Table | Out-String -Width 80)
    }

    # Only for types with a table view for Format-Table (a default table view, or a second one after a custom view).
    if ($FormatTable) {
        It 'reads whole under Format-Table at 80 columns: every line fits, every finding word is printed whole' -Skip:$Skip {
            Assert-TestComponent -Available $Ready -Because 'needs the seal (LBT_SEALED) and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
            $lines = @(($script:Objects | Format-Table | Out-String -Width 80) -split "`r?`n" | ForEach-Object TrimEnd)
            @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty -Because 'no line may be wider than 80 columns'
            $header = $lines | Where-Object { $_ -match '^-+( +-+)+$' } | Select-Object -First 1
            $lines[[array]::IndexOf($lines, $header) - 1] | Should -Match '^\w{2,}( +\w{2,})+$' -Because 'the header is whole words on one line'
            Assert-WordsPrinted -Text ($lines -join "`n") -Value ($script:Objects | ForEach-Object { $_.PSObject.Properties['Finding'].Value })
            # A custom view's case names what a person reads (Whole); under Format-Table it is whole too, where the
            # table shows it (hosts names and addresses, a problem's reason and file). Findings are checked above.
            if ($script:Control -isnot [System.Management.Automation.TableControl] -and -not ($script:Objects[0].PSObject.Properties['Finding'])) {
                Assert-WordsPrinted -Text ($lines -join "`n") -Value ($script:Objects | ForEach-Object { $object = $_; $Whole | ForEach-Object { $object.$_ } })
            }
            ($lines -join "`n") | Should -Not -Match '[0-9a-f]{64}' -Because 'no 64-character container id by default'
        }
    }

    It 'gives every public property through member enumeration, @($x, $x).Property' -Skip:$Skip {
        Assert-TestComponent -Available $Ready -Because 'needs the seal (LBT_SEALED) and a Linux container engine (DOCKER_HOST): run scripts/test.sh as root'
        foreach ($property in $script:Objects[0].GetType().GetProperties().Name) {
            $pair = @($script:Objects[0], $script:Objects[-1])
            $enumerated = @($pair.$property)
            $expected = @($pair | ForEach-Object { $_.$property } | ForEach-Object { $_ })
            @($enumerated | Where-Object { $_ -is [System.Management.Automation.PSMethodInfo] }) | Should -BeNullOrEmpty -Because "System.Array must not shadow $TypeName.$property"
            ($enumerated | ForEach-Object { "$_" }) -join '|' | Should -Be (($expected | ForEach-Object { "$_" }) -join '|') -Because "@(`$x, `$x).$property must give the elements' $property"
        }
    }
}

Describe 'View coverage' -ForEach @(@{ Covered = @($cases.TypeName) }) {
    It 'has a rendering case for every output type the cmdlets declare' {
        $declared = Get-Command -Module LoopbackTools -CommandType Cmdlet | ForEach-Object OutputType | ForEach-Object Name |
            Where-Object { $_ -like 'LoopbackTools.*' } | Sort-Object -Unique
        $declared | Where-Object { $_ -notin $Covered } | Should -BeNullOrEmpty -Because 'each output type needs a case in tests/Views.Tests.ps1'
    }
}

Describe 'Get-Help -Examples of <_>' -ForEach $cmdlets {
    It 'reads as a list: each example title on its own line, after a blank line' {
        $lines = @((Get-Help $_ -Examples | Out-String -Width 80) -split "`r?`n")
        $titles = @(0..($lines.Count - 1) | Where-Object { $lines[$_] -match '^\s*(-+ )?Example \d+' })
        $titles.Count | Should -BeGreaterThan 0
        foreach ($i in $titles) {
            $lines[$i] | Should -Match '^\s*Example \d+: \S' -Because 'a title is "Example N: what it shows", without a rule that wraps at 80 columns'
            $lines[$i - 1].Trim() | Should -BeNullOrEmpty -Because "the example before '$($lines[$i].Trim())' must end with a blank line"
        }
    }
}
