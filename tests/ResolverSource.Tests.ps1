# Pester 5 over the packaged module: Test-LocalhostResolution names the source that answered (Source, Chain).
# The myhostname case runs a child pwsh in a private mount namespace with its own /etc/nsswitch.conf and
# /etc/hosts, so glibc loads the real libnss_myhostname.so.2 (apt libnss-myhostname) for that process only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    $script:ModulePath = Get-ModuleUnderTest

    # Runs $Command in a child pwsh whose /etc/hosts and /etc/nsswitch.conf are the texts given; returns its objects.
    function Invoke-WithResolverFiles([string] $HostsText, [string] $NsswitchText, [string] $Command) {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('lbt-nss-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        Set-Content -Path "$folder/hosts" -Value $HostsText -NoNewline
        Set-Content -Path "$folder/nsswitch.conf" -Value $NsswitchText -NoNewline
        Set-Content -Path "$folder/run.ps1" -Value "Import-Module '$script:ModulePath'; $Command | Export-Clixml '$folder/rows.xml'"
        $exe = (Get-Process -Id $PID).Path
        $pwsh = if ((Split-Path -Leaf $exe) -like 'dotnet*') { "'$exe' '$PSHOME/pwsh.dll'" } else { "'$exe'" }
        Set-Content -Path "$folder/run.sh" -Value "mount --bind '$folder/hosts' /etc/hosts && mount --bind '$folder/nsswitch.conf' /etc/nsswitch.conf && exec $pwsh -NoProfile -NonInteractive -File '$folder/run.ps1'"
        $said = & unshare --mount bash "$folder/run.sh" 2>&1
        if (-not (Test-Path "$folder/rows.xml")) { throw "the child pwsh wrote nothing: $said" }
        $rows = Import-Clixml "$folder/rows.xml"
        Remove-Item -Recurse $folder
        $rows
    }

    $script:myhostname = @(Get-ChildItem '/usr/lib/*-linux-gnu/libnss_myhostname.so.2', '/lib/*-linux-gnu/libnss_myhostname.so.2', '/usr/lib/libnss_myhostname.so.2' -ErrorAction SilentlyContinue).Count -gt 0
    $script:root = $IsLinux -and (id -u) -eq '0'
}
AfterAll { Remove-Module LoopbackTools -ErrorAction SilentlyContinue }

Describe 'Test-LocalhostResolution names the source of the OS answer' -Tag 'Linux' {
    It 'answers localhost from the hosts file in the seal (hosts: files dns), and only the OsResolver row has a source' {
        $rows = @(Test-LocalhostResolution -Layer HostsFile, OsResolver)
        $os = $rows | Where-Object Layer -EQ 'OsResolver'
        $os.Source | Should -Be 'files'
        $os.Chain | Should -Be 'files', 'dns'
        $os.Finding | Should -BeLike '*for localhost from the hosts file (hosts: files dns)*'
        ($rows | Where-Object Layer -EQ 'HostsFile').Source | Should -BeNullOrEmpty
        @(($rows | Where-Object Layer -EQ 'HostsFile').Chain).Count | Should -Be 0
    }

    It 'names nss-myhostname when the hosts file has no localhost line, and the view shows it at 80 columns' {
        Assert-TestComponent -Available ($script:root -and $script:myhostname) -Because 'needs root and libnss_myhostname.so.2 (apt-get install libnss-myhostname)'
        $rows = @(Invoke-WithResolverFiles "127.0.0.1 other.test`n" "hosts: files myhostname dns`n" 'Test-LocalhostResolution -Layer OsResolver')
        $os = $rows[0]
        $os.Source | Should -Be 'myhostname'
        @($os.Chain) | Should -Be 'files', 'myhostname', 'dns'
        @($os.Addresses | Sort-Object) | Should -Be '::1', '127.0.0.1'
        $os.Finding | Should -BeLike '*for localhost from nss-myhostname (hosts: files myhostname dns), which answers localhost, `*.localhost and this machine''s name itself*'
        $lines = Get-ViewLine -InputObject $rows -Width 80
        $lines[0] | Should -Match '^Pass  OsResolver localhost system resolver \(myhostname\): '
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}
