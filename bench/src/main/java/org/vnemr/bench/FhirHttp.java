package org.vnemr.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The small slice of HTTP the benchmark needs: POST a Bundle, GET a URL, each timed to the last body byte. */
final class FhirHttp {

    static final String FHIR_JSON = "application/fhir+json";

    record Response(int status, byte[] body, long nanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String bodyStart() {
            String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
            return "HTTP " + status + " " + text.replaceAll("\\s+", " ");
        }
    }

    private final HttpClient client;
    private final String base;

    FhirHttp(URI baseUrl) {
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b : b + "/";
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Absolute URL for {@code pathOrUrl}: returned as is when already absolute, else resolved against the base. */
    URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            return URI.create(pathOrUrl);
        }
        return URI.create(base + (pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl));
    }

    Response postBundle(byte[] bundle) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", FHIR_JSON)
                .header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle))
                .build();
        return send(request);
    }

    Response get(String pathOrUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(pathOrUrl))
                .timeout(Duration.ofMinutes(1))
                .header("Accept", FHIR_JSON)
                .GET()
                .build();
        return send(request);
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        return new Response(response.statusCode(), response.body(), nanos);
    }
}
