# Pester 5: the packaged module imports and presents itself correctly.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $modulePath = Import-LoopbackToolsModule
    $manifest = Import-PowerShellDataFile (Join-Path $modulePath 'LoopbackTools.psd1')
}
AfterAll {
    Remove-Module LoopbackTools -ErrorAction SilentlyContinue
}

Describe 'LoopbackTools module' {
    It 'exports exactly the cmdlets the manifest lists' {
        $exported = (Get-Command -Module LoopbackTools -CommandType Cmdlet).Name | Sort-Object
        $exported | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'has help with an example for every cmdlet' {
        foreach ($name in $manifest.CmdletsToExport) {
            $help = Get-Help $name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because "$name needs a synopsis"
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because "$name needs an example"
        }
    }

    It 'reports the manifest version' {
        (Get-Module LoopbackTools).Version | Should -Be ([version]$manifest.ModuleVersion)
    }

    It 'has an about topic' {
        Get-Help about_LoopbackTools | Out-String | Should -Match 'LoopbackTools'
    }
}
