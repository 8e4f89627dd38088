package org.onus.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand, for what {@link java.net.http.HttpClient} cannot do reliably: send a body the
 * server refuses before reading it. The response is read on the same thread after the body has
 * been written as far as the server would take it, so no write ever races the answer.
 */
final class RawHttp {

    record Response(int status, String headers, String body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** POSTs with a declared Content-Length but sends none of the body: the server must answer from the headers alone. */
    static Response declaredLengthOnly(int port, String path, String token, long contentLength) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
        return exchange(port, head, null);
    }

    /** POSTs {@code body} in chunked transfer encoding, with no declared length. */
    static Response chunked(int port, String path, String token, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        return exchange(port, head, body);
    }

    private static Response exchange(int port, String head, byte[] chunkedBody) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 10_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (chunkedBody != null) {
                try {
                    int chunk = 64 * 1024;
                    for (int off = 0; off < chunkedBody.length; off += chunk) {
                        int n = Math.min(chunk, chunkedBody.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunkedBody, off, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed before taking the whole body: read its answer
                }
            }
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int end;
        while ((end = buf.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n")) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response headers: " + buf.toString(StandardCharsets.ISO_8859_1));
            }
            buf.write(b);
        }
        String headers = buf.toString(StandardCharsets.ISO_8859_1).substring(0, end);
        int status = Integer.parseInt(headers.split(" ")[1]);
        if (status == 100) {
            return read(in);
        }
        Response partial = new Response(status, headers, "");
        String length = partial.header("Content-Length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length))
                : "chunked".equals(String.valueOf(partial.header("Transfer-Encoding")).toLowerCase(Locale.ROOT)) ? dechunk(in) : in.readAllBytes();
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int n = Integer.parseInt(line.toString().trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }
}
