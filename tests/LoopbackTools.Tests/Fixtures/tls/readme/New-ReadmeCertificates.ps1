# Made the certificates the README's Test-LocalhostCertificate example serves (scripts/render-readme.sh), once: a root
# laid out as mkcert makes it (O=mkcert development CA) and a localhost leaf it issued, with fixed dates far in the
# future, so the rendered block (names, dates, thumbprint) never changes. The CA's key was not kept: nothing signs again.
# Rerunning it makes new keys, so the README must then be rendered again (bash scripts/render-readme.sh --write).
using namespace System.Security.Cryptography
using namespace System.Security.Cryptography.X509Certificates
$ErrorActionPreference = 'Stop'
$from = [datetimeoffset]'2026-01-01T00:00:00Z'

$caKey = [RSA]::Create(2048)
$caRequest = [CertificateRequest]::new('CN=mkcert dev@laptop, OU=dev@laptop, O=mkcert development CA', $caKey, 'SHA256', [RSASignaturePadding]::Pkcs1)
$caRequest.CertificateExtensions.Add([X509BasicConstraintsExtension]::new($true, $true, 0, $true))
$caRequest.CertificateExtensions.Add([X509KeyUsageExtension]::new('KeyCertSign', $true))
$caRequest.CertificateExtensions.Add([X509SubjectKeyIdentifierExtension]::new($caRequest.PublicKey, $false))
$ca = $caRequest.CreateSelfSigned($from, [datetimeoffset]'2099-12-31T12:00:00Z')

$key = [RSA]::Create(2048)
$request = [CertificateRequest]::new('OU=dev@laptop, O=mkcert development certificate', $key, 'SHA256', [RSASignaturePadding]::Pkcs1)
$names = [SubjectAlternativeNameBuilder]::new()
$names.AddDnsName('localhost'); $names.AddIpAddress([ipaddress]::Loopback); $names.AddIpAddress([ipaddress]::IPv6Loopback)
$request.CertificateExtensions.Add($names.Build())
$request.CertificateExtensions.Add([X509KeyUsageExtension]::new('DigitalSignature, KeyEncipherment', $true))
$usages = [OidCollection]::new(); [void]$usages.Add([Oid]::new('1.3.6.1.5.5.7.3.1'))
$request.CertificateExtensions.Add([X509EnhancedKeyUsageExtension]::new($usages, $false))
$request.CertificateExtensions.Add([X509AuthorityKeyIdentifierExtension]::CreateFromCertificate($ca, $true, $false))
$leaf = $request.Create($ca, $from, [datetimeoffset]'2099-06-30T12:00:00Z', [byte[]](0x4c, 0x42, 0x54, 0x01))

Set-Content -NoNewline -Path (Join-Path $PSScriptRoot 'rootCA.pem') -Value ($ca.ExportCertificatePem() + "`n")
Set-Content -NoNewline -Path (Join-Path $PSScriptRoot 'localhost.pem') -Value ($leaf.ExportCertificatePem() + "`n")
Set-Content -NoNewline -Path (Join-Path $PSScriptRoot 'localhost-key.pem') -Value ($key.ExportPkcs8PrivateKeyPem() + "`n")
