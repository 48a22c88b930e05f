// A real Java client for Certificate/TlsClientAgreementTests: GET the URL with java.net.http.HttpClient (the JRE's
// default trust: cacerts, or -Djavax.net.ssl.trustStore); prints "ok", or "SSLERROR <message>" and exits 2.
public class Fetch {
    public static void main(String[] args) throws Exception {
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(10)).build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(args[0])).timeout(java.time.Duration.ofSeconds(10)).build();
        try {
            // Headers are enough (the certificate was accepted); openssl s_server -www never ends its body.
            client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body().close();
            System.out.println("ok");
            System.exit(0);
        } catch (javax.net.ssl.SSLException e) {
            System.out.println("SSLERROR " + e.getMessage());
            System.exit(2);
        }
    }
}
