package dev.runtrail.sinks.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What a secured cluster looks like to a client, in front of the real test node (whose distribution
 * has no security features): https with a server certificate signed by a CA of its own, made with
 * the JDK's {@code keytool}, and a request refused with 401 unless it carries the expected {@code
 * Authorization} header. Authorized requests are forwarded to the node with their headers but
 * without the credentials (the node has no security), and its answers (status, headers, body) are
 * returned as they are.
 */
public final class TlsGateway implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "host");
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpsServer server;
    private final String target;
    private final String authorization;
    private final Path caPem;
    private final String caFingerprint;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile int refused;

    /**
     * @param dir where the CA and server keys are made
     * @param target the node's URL, e.g. http://127.0.0.1:9200
     * @param authorization the exact Authorization header value to accept
     */
    public TlsGateway(Path dir, String target, String authorization) throws Exception {
        this.target = target;
        this.authorization = authorization;
        Path ca = dir.resolve("ca.p12");
        Path serverStore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=runtrail test CA",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                ca.toString());
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-file",
                caPem.toString());
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-keystore",
                serverStore.toString());
        Path request = dir.resolve("server.csr");
        Path signed = dir.resolve("server.pem");
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                serverStore.toString(),
                "-file",
                request.toString());
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-infile",
                request.toString(),
                "-outfile",
                signed.toString(),
                "-rfc",
                "-validity",
                "2",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-keystore",
                serverStore.toString(),
                "-file",
                caPem.toString());
        keytool(
                "-importcert",
                "-alias",
                "server",
                "-keystore",
                serverStore.toString(),
                "-file",
                signed.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, PASSWORD);
        }
        Certificate caCert = keys.getCertificate("ca");
        caFingerprint =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(caCert.getEncoded()));
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::forward);
        server.start();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** https://127.0.0.1:PORT */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The CA certificate as PEM, as Elasticsearch writes http_ca.crt. */
    public Path caPem() {
        return caPem;
    }

    /** SHA-256 of the CA certificate, hex. */
    public String caFingerprint() {
        return caFingerprint;
    }

    /** Requests refused for a missing or wrong Authorization header. */
    public int refused() {
        return refused;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused++;
                byte[] body =
                        "{\"error\":\"missing or wrong credentials\",\"status\":401}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                            .method(
                                    exchange.getRequestMethod(),
                                    requestBody.length == 0
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            exchange.getRequestHeaders()
                    .forEach(
                            (name, values) -> {
                                String lower = name.toLowerCase();
                                if (!HOP_BY_HOP.contains(lower)
                                        && !lower.equals("expect")
                                        && !lower.equals("upgrade")
                                        && !lower.equals("authorization")) {
                                    values.forEach(v -> request.header(name, v));
                                }
                            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers()
                    .map()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                                }
                            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(
                    response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
